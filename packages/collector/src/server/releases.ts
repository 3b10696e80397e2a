import { open, stat } from 'node:fs/promises'
import { type ReleaseList, releaseList } from './release-list.js'

/**
 * Where the releases come from: an operator's file, read again when it changes, or an upstream,
 * refreshed at most every `maxAgeMs` and served from the last good copy while it fails. Either
 * way the list goes through the same filter (`release-list.ts`) and is at most 4 MiB.
 */

export type { ReleaseList } from './release-list.js'

export interface ReleasesSource {
  /** The filtered list, or undefined when there is none yet. */
  current(): Promise<ReleaseList | undefined>
  /**
   * After a report names a version the list lacks: the list asked again when the copy is older
   * than `MISS_REFRESH_MS` (an upstream), else the current one.
   */
  missed?(): Promise<ReleaseList | undefined>
}

export type Warn = (event: string, fields: Record<string, unknown>) => void

/** The most bytes of a releases answer or file; anything longer is refused, not truncated. */
export const MAX_RELEASES_BYTES = 4 * 1024 * 1024
/** Same-origin https redirects followed at most. */
export const MAX_REDIRECTS = 3
/** A version the list lacks refreshes an upstream's copy at most this often. */
export const MISS_REFRESH_MS = 60_000

const parse = (text: string): ReleaseList => releaseList(JSON.parse(text))

export function fileReleases(path: string, warn: Warn): ReleasesSource {
  let seen = ''
  // The read of the file as last seen: requests that arrive while it is read wait for it.
  let reading: Promise<ReleaseList | undefined> = Promise.resolve(undefined)
  const unusable = (error: unknown) =>
    warn('releases-file-unusable', { path, problem: (error as Error).message.split('\n')[0] })
  return {
    async current() {
      try {
        const info = await stat(path)
        const version = `${info.mtimeMs} ${info.size}`
        if (version !== seen) {
          seen = version
          const previous = reading
          reading = readCapped(path)
            .then(parse)
            .catch((error) => {
              unusable(error)
              return previous
            })
        }
      } catch (error) {
        unusable(error)
      }
      return reading
    },
  }
}

/** A file's text, refused past `MAX_RELEASES_BYTES` whatever its size said a moment ago. */
async function readCapped(path: string): Promise<string> {
  const file = await open(path)
  try {
    const buffer = Buffer.alloc(MAX_RELEASES_BYTES + 1)
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await file.read(buffer, length, buffer.length - length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    if (length > MAX_RELEASES_BYTES) throw new Error(`more than ${MAX_RELEASES_BYTES} bytes`)
    return buffer.subarray(0, length).toString('utf8')
  } finally {
    await file.close()
  }
}

/** The body of an answer, read until `MAX_RELEASES_BYTES`: a longer one is cut off and refused. */
async function bodyCapped(answer: Response): Promise<string> {
  const declared = Number(answer.headers.get('content-length') ?? Number.NaN)
  if (declared > MAX_RELEASES_BYTES) {
    await answer.body?.cancel().catch(() => {})
    throw new Error(`answer of more than ${MAX_RELEASES_BYTES} bytes`)
  }
  if (!answer.body) return ''
  const reader = answer.body.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    length += value.byteLength
    if (length > MAX_RELEASES_BYTES) {
      await reader.cancel().catch(() => {})
      throw new Error(`answer of more than ${MAX_RELEASES_BYTES} bytes`)
    }
    chunks.push(value)
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
}

export interface UpstreamOptions {
  maxAgeMs?: number
  timeoutMs?: number
  now?: () => number
  fetch?: typeof fetch
}

/**
 * GET `url`, following a redirect only to the same origin over https (at most `MAX_REDIRECTS`):
 * an upstream cannot send the collector elsewhere, to an internal address or to plain http.
 */
async function getFollowingSameOrigin(url: string, get: typeof fetch, signal: AbortSignal): Promise<Response> {
  let target = new URL(url)
  for (let hop = 0; ; hop++) {
    const answer = await get(target, {
      headers: { accept: 'application/vnd.github+json', 'user-agent': 'baqup-collector' },
      redirect: 'manual',
      signal,
    })
    if (answer.status < 300 || answer.status >= 400) return answer
    await answer.body?.cancel().catch(() => {})
    const location = answer.headers.get('location')
    const next = location ? new URL(location, target) : undefined
    if (!next || next.origin !== target.origin || next.protocol !== 'https:') {
      throw new Error(`redirect (status ${answer.status}) not followed: only to the same origin over https`)
    }
    if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`)
    target = next
  }
}

export function upstreamReleases(url: string, warn: Warn, options: UpstreamOptions = {}): ReleasesSource {
  const { maxAgeMs = 10 * 60_000, timeoutMs = 10_000, now = Date.now, fetch: get = fetch } = options
  let good: ReleaseList | undefined
  let fetchedAt = Number.NEGATIVE_INFINITY
  let refreshing: Promise<void> | undefined
  const refresh = async () => {
    try {
      const answer = await getFollowingSameOrigin(url, get, AbortSignal.timeout(timeoutMs))
      if (!answer.ok) {
        await answer.body?.cancel().catch(() => {})
        throw new Error(`status ${answer.status}`)
      }
      good = parse(await bodyCapped(answer))
    } catch (error) {
      warn('releases-upstream-failed', {
        problem: (error as Error).message.split('\n')[0],
        servingCached: good !== undefined,
      })
    } finally {
      // A failure waits as long as a success: an upstream that is down is not hammered.
      fetchedAt = now()
    }
  }
  const start = () =>
    (refreshing ??= refresh().finally(() => {
      refreshing = undefined
    }))
  return {
    async current() {
      if (now() - fetchedAt >= maxAgeMs) {
        const started = start()
        // With a copy in hand, answer now; the first request waits for the first copy.
        if (good === undefined) await started
      }
      return good
    },
    async missed() {
      if (now() - fetchedAt >= MISS_REFRESH_MS) await start()
      else if (refreshing) await refreshing
      return good
    },
  }
}
