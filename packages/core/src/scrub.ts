/**
 * The scrub pass: the last filter over every free-form string that anonymization keeps.
 * A string that matches any pattern below is replaced whole, so a value that could name a
 * machine, a network or a person never leaves it, even in an option that is otherwise exported.
 * When a string is ambiguous (`mycert.pem` could be a host name), it is scrubbed.
 */

/** What a scrubbed string becomes (Traefik's redactor uses the same 32 `x`). */
export const SCRUBBED = 'x'.repeat(32)

/** Longest string the patterns are run on; anything longer is scrubbed without looking (and in linear time). */
export const MAX_CHECKED_LENGTH = 1024

export interface ScrubPattern {
  /** Shown by `explain`: `scrubbed: <name>`. */
  readonly name: string
  readonly regex: RegExp
}

/** Checked in order; the first match names the reason. */
export const SCRUB_PATTERNS: readonly ScrubPattern[] = [
  // Exported strings are names and enumerations: a long text is not one, and bounds the regex work below.
  {
    name: `text longer than ${MAX_CHECKED_LENGTH} characters`,
    regex: new RegExp(`^[\\s\\S]{${MAX_CHECKED_LENGTH + 1}}`),
  },
  // Any scheme followed by `://`: https://, tcp://10.0.0.1:2375, unix:///var/run/docker.sock.
  { name: 'URL', regex: /[a-z][a-z0-9+.-]*:\/\//i },
  // local@domain.tld. A provider reference (auth@file, redirect@docker) has no dot after the `@`.
  { name: 'e-mail address', regex: /[^\s@]+@[^\s@.]+\.[^\s@]+/ },
  // Four dotted numbers, with or without a port or prefix length (10.0.0.1, 0.0.0.0:80, 127.0.0.1/32).
  // Three-part versions (v1.2.3, 1.10.0) have one group fewer.
  { name: 'IPv4 address', regex: /\d{1,3}(?:\.\d{1,3}){3}/ },
  // Hex groups with at least two colons: ::1, [::]:443, fe80::1%eth0, 2001:db8::/32.
  // A bare port (:80, :443) has a single colon.
  { name: 'IPv6 address', regex: /(?<![0-9a-z])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4})?(?![0-9a-z])/i },
  // Labels joined by dots ending in an alphabetic top-level label, in any script (example.com,
  // db.internal, _acme-challenge.example.org, xn--80ak6aa92e.xn--p1ai, bücher.de, пример.рф,
  // 例子.测试, and the ideographic full stops IDNA reads as dots). Versions end in a digit and survive.
  // Letter classes hold both cases already: no `i` flag, whose case folding of \p{…} is slow to compile.
  {
    name: 'host name',
    regex:
      /(?:[\p{L}\p{N}_](?:[\p{L}\p{M}\p{N}_-]{0,61}[\p{L}\p{M}\p{N}_])?[.\u3002\uFF0E\uFF61])+(?:\p{L}[\p{L}\p{M}]{1,62}|[xX][nN]--[a-zA-Z0-9-]{1,59})(?![\p{L}\p{M}\p{N}_-])/u,
  },
  // A single-label host in front of a port (localhost:8080, db-primary:5432, сервер:8080): the
  // operator's machine name. A bare port (:80) and an entry point name (web-secure) have no such pair.
  {
    name: 'host name with port',
    regex: /(?<![\p{L}\p{M}\p{N}_.-])[\p{L}_][\p{L}\p{M}\p{N}_-]*:\d{1,5}(?!\d)/u,
  },
]

export interface ScrubResult {
  readonly value: string
  /** The name of the pattern that matched, when the value was scrubbed. */
  readonly pattern?: string
}

/** Returns the value unchanged, or {@link SCRUBBED} with the name of the first pattern that matched it. */
export function scrub(value: string): ScrubResult {
  for (const { name, regex } of SCRUB_PATTERNS) {
    if (regex.test(value)) return { value: SCRUBBED, pattern: name }
  }
  return { value }
}
