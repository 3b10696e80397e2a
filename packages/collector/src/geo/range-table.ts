/**
 * Address ranges and the AS number of each, in typed arrays sorted by start, searched by bisection.
 * A key is one 32-bit word (an IPv4 address) or two (the top 64 bits of an IPv6 address, high word
 * first). Where ranges overlap, the one that starts later answers; for the same start, the one added last.
 */
export class RangeTable {
  constructor(
    readonly width: 1 | 2,
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
    private readonly asns: Uint32Array,
  ) {}

  get size(): number {
    return this.asns.length
  }

  /** The AS number of the range that holds the key, or 0. */
  find(high: number, low = 0): number {
    let first = 0
    let last = this.asns.length - 1
    let found = -1
    while (first <= last) {
      const middle = (first + last) >>> 1
      if (compareAt(this.starts, this.width, middle, high, low) <= 0) {
        found = middle
        first = middle + 1
      } else {
        last = middle - 1
      }
    }
    return found !== -1 && compareAt(this.ends, this.width, found, high, low) >= 0 ? (this.asns[found] ?? 0) : 0
  }

  /** Every range in order: its first and last key, as words, and its AS number. */
  *entries(): Generator<{ start: readonly number[]; end: readonly number[]; asn: number }> {
    const { width, starts, ends, asns } = this
    for (let index = 0; index < asns.length; index++) {
      const at = index * width
      yield {
        start: Array.from(starts.subarray(at, at + width)),
        end: Array.from(ends.subarray(at, at + width)),
        asn: asns[index] ?? 0,
      }
    }
  }
}

/** The key at `index` compared with (high, low): negative, zero or positive. */
function compareAt(keys: Uint32Array, width: 1 | 2, index: number, high: number, low: number): number {
  if (width === 1) return (keys[index] ?? 0) - high
  const first = keys[2 * index] ?? 0
  return first === high ? (keys[2 * index + 1] ?? 0) - low : first - high
}

/** Collects ranges as they are read, in any order, then sorts them (when needed) into a table. */
export class RangeBuilder {
  private starts: Uint32Array
  private ends: Uint32Array
  private asns: Uint32Array
  private count = 0
  private sorted = true

  constructor(
    readonly width: 1 | 2,
    capacity = 4096,
  ) {
    this.starts = new Uint32Array(capacity * width)
    this.ends = new Uint32Array(capacity * width)
    this.asns = new Uint32Array(capacity)
  }

  /** Adds [start, end] (inclusive); for width 1 the lows are ignored. */
  add(startHigh: number, startLow: number, endHigh: number, endLow: number, asn: number): void {
    const { width } = this
    if (this.count === this.asns.length) this.grow()
    const at = this.count * width
    if (this.count > 0 && compareAt(this.starts, width, this.count - 1, startHigh, startLow) > 0) this.sorted = false
    this.starts[at] = startHigh
    this.ends[at] = endHigh
    if (width === 2) {
      this.starts[at + 1] = startLow
      this.ends[at + 1] = endLow
    }
    this.asns[this.count++] = asn
  }

  build(): RangeTable {
    const { width, count } = this
    if (this.sorted) {
      return new RangeTable(
        width,
        this.starts.slice(0, count * width),
        this.ends.slice(0, count * width),
        this.asns.slice(0, count),
      )
    }
    // A stable sort: of two ranges with the same start, the one added last stays last and answers.
    const lowOf = (index: number) => (width === 2 ? (this.starts[index * 2 + 1] ?? 0) : 0)
    const highOf = (index: number) => this.starts[index * width] ?? 0
    const order = Array.from({ length: count }, (_, index) => index).sort((a, b) =>
      compareAt(this.starts, width, a, highOf(b), lowOf(b)),
    )
    const starts = new Uint32Array(count * width)
    const ends = new Uint32Array(count * width)
    const asns = new Uint32Array(count)
    order.forEach((from, to) => {
      starts.set(this.starts.subarray(from * width, from * width + width), to * width)
      ends.set(this.ends.subarray(from * width, from * width + width), to * width)
      asns[to] = this.asns[from] ?? 0
    })
    return new RangeTable(width, starts, ends, asns)
  }

  private grow(): void {
    const bigger = (array: Uint32Array) => {
      const copy = new Uint32Array(array.length * 2)
      copy.set(array)
      return copy
    }
    this.starts = bigger(this.starts)
    this.ends = bigger(this.ends)
    this.asns = bigger(this.asns)
  }
}
