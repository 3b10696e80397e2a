import { describe, expect, it } from 'vitest'
import { AnswerCache } from '../src/stats/answer-cache.js'

/** A cache on a clock the test moves, computing answers that count their own computations. */
function setup(lifetimeMs = 1000, capacity = 256) {
  let now = 0
  const cache = new AnswerCache(lifetimeMs, capacity, () => now)
  const computed: string[] = []
  const answer = (key: string) =>
    cache.get(key, async () => {
      computed.push(key)
      return `${key}#${computed.length}`
    })
  return { cache, computed, answer, advance: (ms: number) => (now += ms) }
}

describe('answer cache', () => {
  it('computes an answer once for requests that arrive together', async () => {
    const { answer, computed } = setup()
    expect(await Promise.all([answer('a'), answer('a'), answer('a')])).toEqual(['a#1', 'a#1', 'a#1'])
    expect(computed).toEqual(['a'])
  })

  it('keeps an answer for its lifetime, then computes it again', async () => {
    const { answer, advance } = setup(1000)
    expect(await answer('a')).toBe('a#1')
    advance(999)
    expect(await answer('a')).toBe('a#1')
    advance(1)
    expect(await answer('a')).toBe('a#2')
  })

  it('does not keep a failure', async () => {
    const { cache } = setup()
    let calls = 0
    const failing = () =>
      cache.get('a', async () => {
        calls++
        if (calls === 1) throw new Error('store down')
        return 'ok'
      })
    await expect(failing()).rejects.toThrow('store down')
    expect(await failing()).toBe('ok')
    expect(calls).toBe(2)
  })

  it('forgets the oldest answers past its capacity', async () => {
    const { answer, computed } = setup(1000, 2)
    await answer('a')
    await answer('b')
    await answer('c')
    await answer('b')
    await answer('a')
    expect(computed).toEqual(['a', 'b', 'c', 'a'])
  })
})
