/**
 * A strict RFC 4180 reader for the tests: records end with CRLF (the last one too), fields are
 * separated by commas, a quoted field doubles its quotes, an unquoted one holds no quote, comma,
 * CR or LF. Anything else throws, saying where. Each cell says whether it was quoted.
 */

export interface CSVCell {
  value: string
  quoted: boolean
}

export function parseCSV(text: string): CSVCell[][] {
  const records: CSVCell[][] = []
  let record: CSVCell[] = []
  let at = 0
  const fail = (problem: string): never => {
    throw new Error(`not RFC 4180 at offset ${at} (${JSON.stringify(text.slice(at, at + 20))}): ${problem}`)
  }
  while (at < text.length) {
    let cell: CSVCell
    if (text[at] === '"') {
      let value = ''
      at++
      for (;;) {
        const quote = text.indexOf('"', at)
        if (quote < 0) fail('a quoted field never ends')
        value += text.slice(at, quote)
        at = quote + 1
        if (text[at] !== '"') break
        value += '"'
        at++
      }
      cell = { value, quoted: true }
    } else {
      const end = /[,\r\n"]/g
      end.lastIndex = at
      const stop = end.exec(text)?.index ?? text.length
      if (text[stop] === '"') {
        at = stop
        fail('a quote inside an unquoted field')
      }
      cell = { value: text.slice(at, stop), quoted: false }
      at = stop
    }
    record.push(cell)
    if (text[at] === ',') {
      at++
      if (at === text.length) fail('the text ends after a comma')
    } else if (text.startsWith('\r\n', at)) {
      at += 2
      records.push(record)
      record = []
    } else fail(at === text.length ? 'the last record does not end with CRLF' : 'expected a comma or CRLF')
  }
  return records
}

/** Characters a spreadsheet may read as the start of a formula. */
export const FORMULA_START = /^[=+\-@\t\r]/

/** Records that do not all have the header's width, and unquoted cells that start like a formula. */
export function csvProblems(records: readonly CSVCell[][]): string[] {
  const width = records[0]?.length ?? 0
  return records.flatMap((record, line) => [
    ...(record.length === width ? [] : [`record ${line + 1}: ${record.length} cells, the header has ${width}`]),
    ...record
      .filter((cell) => !cell.quoted && FORMULA_START.test(cell.value))
      .map((cell) => `record ${line + 1}: unquoted cell starting like a formula: ${JSON.stringify(cell.value)}`),
  ])
}
