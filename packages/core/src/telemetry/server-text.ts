/**
 * Text a server chose, made fit for a terminal or a log: printable ASCII only (anything else,
 * control characters and escape sequences included, becomes `?`), one line, bounded.
 */

/** The longest server message shown. */
export const MAX_SERVER_MESSAGE = 200
/** The longest release link shown. */
const MAX_LINK = 300

function printable(text: string, max: number): string {
  const line = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[^\x20-\x7e]/g, '?')
  return line.length > max ? `${line.slice(0, max - 3)}...` : line
}

/**
 * The message of an error answer: `{"error":{"code","message"}}` (the collector's shape),
 * `{"error":"…"}` or `{"message":"…"}` (GitHub's API). Undefined for any other body.
 */
export function serverMessage(body: string): string | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined
  const { error, message } = parsed as { error?: unknown; message?: unknown }
  const nested = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
  const text = [nested, error, message].find((value): value is string => typeof value === 'string')
  const shown = text === undefined ? '' : printable(text, MAX_SERVER_MESSAGE)
  return shown === '' ? undefined : shown
}

/** A release's page (`html_url`), only as an `https:` URL without credentials, written in printable ASCII. */
export function releaseLink(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LINK || !/^[\x21-\x7e]+$/.test(value)) return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return undefined
  return url.href
}
