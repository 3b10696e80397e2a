import type { StoredReport, StoredVersionCheck } from '../../src/store/store.js'
import { anonymized, asStored, hashOf } from './reports.js'

/** An installation of a test population: who it is, where it reports from, on which days, with what. */
export interface Member {
  name: string
  version: string
  /** Its stored network (`198.51.100.0/24`), or '' as with `--ip=none`. */
  network: string
  days: readonly string[]
  config: Record<string, unknown>
}

/** `size` installations sharing everything but their name and network (`network(index)`). */
export const group = (
  name: string,
  size: number,
  shared: Omit<Member, 'name' | 'network'>,
  network: (index: number) => string,
): Member[] =>
  Array.from({ length: size }, (_, index) => ({ ...shared, name: `${name}-${index}`, network: network(index) }))

/** The reports of the members, `copies` a day each (a report counts once per installation and day). */
export function reportsOf(members: readonly Member[], copies = 1): StoredReport[] {
  return members.flatMap((member) => {
    const configuration = asStored(anonymized(member.config))
    return member.days.flatMap((day) =>
      Array.from({ length: copies }, (_, copy) => ({
        id: `${member.name}-${day}-${copy}`,
        day,
        received: `${day}T${String(copy).padStart(2, '0')}:00:00.000Z`,
        hash: hashOf(member.name),
        version: member.version,
        network: member.network,
        ip: '',
        country: '',
        asn: 0,
        configuration,
      })),
    )
  })
}

/** A version check a day from each member, from its network. */
export const checksOf = (members: readonly Member[]): StoredVersionCheck[] =>
  members.flatMap((member) =>
    member.days.map((day) => ({
      day,
      received: `${day}T10:00:00.000Z`,
      version: member.version,
      network: member.network,
      ip: '',
      country: '',
      asn: 0,
    })),
  )
