import { readFile, stat } from 'node:fs/promises'

/**
 * Where the releases JSON comes from: an operator's file, read again when it changes, or an
 * upstream, refreshed at most every `maxAgeMs` and served from the last good copy while it fails.
 */

export interface ReleasesSource {
  /** The JSON text, or undefined when there is none yet. */
  current(): Promise<string | undefined>
}

export type Warn = (event: string, fields: Record<string, unknown>) => void

function checkedJSON(text: string): string {
  const parsed: unknown = JSON.parse(text)
  if (!Array.isArray(parsed)) throw new Error('not a JSON array')
  return text
}

export function fileReleases(path: string, warn: Warn): ReleasesSource {
  let seen = ''
  let good: string | undefined
  return {
    async current() {
      try {
        const info = await stat(path)
        const version = `${info.mtimeMs} ${info.size}`
        if (version !== seen) {
          seen = version
          good = checkedJSON(await readFile(path, 'utf8'))
        }
      } catch (error) {
        warn('releases-file-unusable', { path, problem: (error as Error).message.split('\n')[0] })
      }
      return good
    },
  }
}

export interface UpstreamOptions {
  maxAgeMs?: number
  timeoutMs?: number
  now?: () => number
  fetch?: typeof fetch
}

export function upstreamReleases(url: string, warn: Warn, options: UpstreamOptions = {}): ReleasesSource {
  const { maxAgeMs = 10 * 60_000, timeoutMs = 10_000, now = Date.now, fetch: get = fetch } = options
  let good: string | undefined
  let fetchedAt = Number.NEGATIVE_INFINITY
  let refreshing: Promise<void> | undefined
  const refresh = async () => {
    try {
      const answer = await get(url, {
        headers: { accept: 'application/vnd.github+json', 'user-agent': 'baqup-collector' },
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (!answer.ok) throw new Error(`status ${answer.status}`)
      good = checkedJSON(await answer.text())
    } catch (error) {
      warn('releases-upstream-failed', { problem: (error as Error).message, servingCached: good !== undefined })
    } finally {
      // A failure waits as long as a success: an upstream that is down is not hammered.
      fetchedAt = now()
    }
  }
  return {
    async current() {
      if (now() - fetchedAt >= maxAgeMs) {
        refreshing ??= refresh().finally(() => {
          refreshing = undefined
        })
        // With a copy in hand, answer now; the first request waits for the first copy.
        if (good === undefined) await refreshing
      }
      return good
    },
  }
}
