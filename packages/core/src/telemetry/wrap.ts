/**
 * `text` broken into lines of at most `width` characters, at spaces only: a word longer than
 * `width` (a URL, a path, a flag name) is never cut, and stands alone on its line instead.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  lines.push(line)
  return lines
}
