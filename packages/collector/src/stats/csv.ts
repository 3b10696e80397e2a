/**
 * CSV as RFC 4180 writes it: records end with CRLF; a cell holding a comma, a double quote, CR or
 * LF is quoted, its quotes doubled. A cell that a spreadsheet could read as a formula (one that
 * starts with `=`, `+`, `-`, `@`, a tab or CR) is quoted too, and unless it is a negative number
 * or duration (`-1`, `-1.5s`) it is also prefixed with `'`, so that no reader runs it. Published
 * strings come from closed sets, so the prefix is a second net, never expected to fire there.
 */

const QUOTED = /[",\r\n]/
const FORMULA = /^[=+\-@\t\r]/
const NEGATIVE_NUMBER = /^-\d+(\.\d+)?([a-zµ]+(\d+(\.\d+)?[a-zµ]+)*)?$/

export function csvCell(value: unknown): string {
  let written = value === null || value === undefined ? '' : String(value)
  const formula = FORMULA.test(written)
  if (formula && !NEGATIVE_NUMBER.test(written)) written = `'${written}`
  return formula || QUOTED.test(written) ? `"${written.replaceAll('"', '""')}"` : written
}

/** The records, the header first, as one CSV text. */
export const csv = (records: readonly (readonly unknown[])[]): string =>
  records.map((record) => `${record.map(csvCell).join(',')}\r\n`).join('')
