import { endpointProblem } from './endpoint.js'

/**
 * When a redirect is followed. A request with a body (the usage report) follows none: its body
 * goes to the configured endpoint or nowhere. A request without one (the version check) follows
 * at most `MAX_REDIRECTS`, each to the same origin or to an `https:` URL, so never from https to
 * plain http, and never with credentials in the URL.
 */
export const MAX_REDIRECTS = 3

export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308])

/**
 * What of a redirect's location may be shown in messages and logs: scheme and host only. The
 * server chose the rest, and a path or query may carry tokens.
 */
export function locationShown(location: string, base: string): string {
  try {
    const url = new URL(location, base)
    const shown = `${url.protocol}//${url.host}`
    return shown.length > 100 ? `${shown.slice(0, 99)}…` : shown
  } catch {
    return 'an invalid location'
  }
}

/** Why the redirect from `from` to `to` (absolute) is not followed, or undefined when it is. */
export function redirectProblem(from: string, to: string): string | undefined {
  const problem = endpointProblem(to)
  if (problem) return problem
  if (new URL(to).origin === new URL(from).origin) return undefined
  if (new URL(to).protocol === 'https:') return undefined
  return 'only redirects to the same origin or to https: are followed'
}
