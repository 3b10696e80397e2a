/**
 * `--max-installations-per-network`: at most `max` distinct installations from one network (the
 * /24 or /48 the collector keeps) are counted per UTC day; a report of another one from that
 * network is refused until the next day. Installations already admitted that day keep reporting.
 *
 * The set of a day is read from the store the first time a report of that day arrives, so the cap
 * holds across restarts. Several collectors on one ClickHouse each add what they admit to their
 * own copy: a network's set is read again from the store each time it grows by a quarter of the
 * cap, so each collector admits at most a quarter of the cap that the others' inserts have not
 * shown it yet. With k collectors a network gets at most `max + k * ceil(max / 4)` installations
 * a day in the worst case (exactly `max` with one collector, DuckDB's case).
 */

export interface NetworkInstallation {
  readonly network: string
  readonly installation: string
}

/** The distinct (network, installation) pairs the store has for a day, of one network or all. */
export type LoadInstallations = (day: string, network?: string) => Promise<readonly NetworkInstallation[]>

interface NetworkSet {
  readonly installations: Set<string>
  /** The size at which the set is read from the store again. */
  nextRead: number
  reading?: Promise<void>
}

/** `admitted`: a new installation, counted; `known`: counted already today; `refused`: past the cap. */
export type Admission = 'admitted' | 'known' | 'refused'

export class NetworkCap {
  private readonly days = new Map<string, Promise<Map<string, NetworkSet>>>()
  private readonly step: number

  constructor(
    private readonly max: number,
    private readonly load: LoadInstallations,
    /** Days kept in memory: today, and yesterday for reports that straddle midnight. */
    private readonly keep = 2,
  ) {
    this.step = Math.max(1, Math.ceil(max / 4))
  }

  private networksOf(day: string): Promise<Map<string, NetworkSet>> {
    let networks = this.days.get(day)
    if (!networks) {
      networks = this.load(day).then((rows) => {
        const byNetwork = new Map<string, NetworkSet>()
        for (const { network, installation } of rows) this.setOf(byNetwork, network).installations.add(installation)
        for (const set of byNetwork.values()) set.nextRead = this.nextRead(set.installations.size)
        return byNetwork
      })
      this.days.set(day, networks)
      // A failed read is not kept: the next report of the day reads again.
      networks.catch(() => this.days.delete(day))
      for (const old of [...this.days.keys()].sort().slice(0, Math.max(0, this.days.size - this.keep))) {
        this.days.delete(old)
      }
    }
    return networks
  }

  private nextRead(size: number): number {
    return (Math.floor(size / this.step) + 1) * this.step
  }

  private setOf(networks: Map<string, NetworkSet>, network: string): NetworkSet {
    let set = networks.get(network)
    if (!set) {
      set = { installations: new Set(), nextRead: this.step }
      networks.set(network, set)
    }
    return set
  }

  /** Whether a report of `installation` from `network` on `day` is counted. Throws when the store cannot be read. */
  async admit(day: string, network: string, installation: string): Promise<Admission> {
    const set = this.setOf(await this.networksOf(day), network)
    if (set.installations.has(installation)) return 'known'
    if (set.installations.size >= set.nextRead && !set.reading) {
      set.nextRead = this.nextRead(set.installations.size)
      set.reading = this.load(day, network)
        .then((rows) => {
          for (const row of rows) set.installations.add(row.installation)
        })
        .finally(() => {
          set.reading = undefined
        })
    }
    if (set.reading) await set.reading
    if (set.installations.has(installation)) return 'known'
    if (set.installations.size >= this.max) return 'refused'
    set.installations.add(installation)
    return 'admitted'
  }

  /** An admitted installation whose report was not stored after all: it does not take a place. */
  forget(day: string, network: string, installation: string): void {
    void this.days
      .get(day)
      ?.then((networks) => networks.get(network)?.installations.delete(installation))
      .catch(() => {})
  }
}
