import semver from 'semver'
import { isDay } from './day.js'
import { csv } from './stats/csv.js'
import type { Store } from './store/store.js'

/**
 * `baqup-collector organizations`: the autonomous systems whose networks checked for a new version
 * or reported, for the maintainers. It reads the store on the operator's machine and is never a
 * route of the public server nor part of the daily files. An organization is named from the AS
 * number kept with each row; the kind says whether it is an access or hosting provider (whose
 * customers run Baqup, not the provider itself) as far as the lookup knows.
 */

export interface AsDescription {
  readonly name: string
  /** `access` (residential ISP, mobile carrier), `hosting` (cloud, data centre) or `other`. */
  readonly kind: string
  /** Where the kind comes from: the list of known providers, a word of the name, or neither. */
  readonly kindFrom: string
}

export interface Organization {
  asn: number
  organization: string
  kind: string
  kindFrom: string
  /** Distinct networks (/24, /48) of its checks and reports; 0 with `--ip=none`. */
  networks: number
  checks: number
  installations: number
  /** Versions seen in its checks and reports, oldest first. */
  versions: string[]
}

export interface OrganizationsOptions {
  /** First and last day, both included. */
  readonly from: string
  readonly to: string
  /** Organizations with fewer version checks are left out. */
  readonly minChecks: number
  /** Leaves out access and hosting providers. */
  readonly withoutProviders: boolean
  readonly describe: (asn: number) => AsDescription | undefined
}

const PROVIDERS = new Set(['access', 'hosting'])

/** Versions as stored: `dev` and releases; `other` (a version check naming none) is no version. */
const byRelease = (a: string, b: string) => {
  const [left, right] = [semver.valid(a), semver.valid(b)]
  if (left && right) return semver.compare(left, right)
  return left ? -1 : right ? 1 : a.localeCompare(b)
}

export async function organizations(store: Store, options: OrganizationsOptions): Promise<Organization[]> {
  const { from, to } = options
  if (!isDay(from) || !isDay(to)) throw new Error(`not a day range: ${from}..${to}`)
  const within = `day >= '${from}' AND day <= '${to}' AND asn <> 0`
  const seen = `(SELECT asn, network, version FROM version_checks WHERE ${within}
    UNION ALL SELECT asn, network, version FROM installation_days WHERE ${within}) AS seen`
  const [checks, installations, networks, versions] = await Promise.all([
    store.query(`SELECT asn, count(*) AS n FROM version_checks WHERE ${within} GROUP BY asn`),
    store.query(`SELECT asn, count(DISTINCT installation) AS n FROM installation_days WHERE ${within} GROUP BY asn`),
    store.query(`SELECT asn, count(DISTINCT network) AS n FROM ${seen} WHERE network <> '' GROUP BY asn`),
    store.query(`SELECT DISTINCT asn, version FROM ${seen} WHERE version <> 'other'`),
  ])
  const counted = (rows: Record<string, unknown>[]) => new Map(rows.map((row) => [Number(row.asn), Number(row.n)]))
  const [checksOf, installationsOf, networksOf] = [counted(checks), counted(installations), counted(networks)]
  const versionsOf = new Map<number, string[]>()
  for (const row of versions)
    versionsOf.set(Number(row.asn), [...(versionsOf.get(Number(row.asn)) ?? []), String(row.version)])
  const numbers = new Set([...checksOf.keys(), ...installationsOf.keys()])
  return [...numbers]
    .map((asn) => {
      const described = options.describe(asn)
      return {
        asn,
        organization: described?.name ?? '',
        kind: described?.kind ?? 'other',
        kindFrom: described?.kindFrom ?? 'none',
        networks: networksOf.get(asn) ?? 0,
        checks: checksOf.get(asn) ?? 0,
        installations: installationsOf.get(asn) ?? 0,
        versions: (versionsOf.get(asn) ?? []).sort(byRelease),
      }
    })
    .filter((row) => row.checks >= options.minChecks && !(options.withoutProviders && PROVIDERS.has(row.kind)))
    .sort(
      (a, b) => b.networks - a.networks || b.checks - a.checks || b.installations - a.installations || a.asn - b.asn,
    )
}

const COLUMNS = ['asn', 'organization', 'kind', 'kindFrom', 'networks', 'checks', 'installations', 'versions'] as const

export function formatOrganizations(
  rows: readonly Organization[],
  format: 'text' | 'json' | 'csv',
  window: { from: string; to: string },
): string {
  if (format === 'json') return `${JSON.stringify({ ...window, organizations: rows })}\n`
  const cells = rows.map((row) =>
    COLUMNS.map((column) => (column === 'versions' ? row.versions.join(' ') : row[column])),
  )
  if (format === 'csv') return csv([[...COLUMNS], ...cells])
  if (rows.length === 0) return `no autonomous system checked or reported from ${window.from} to ${window.to}\n`
  // A name is the data's text: no control character reaches the terminal.
  const table = [
    COLUMNS.map(String),
    ...cells.map((line) => line.map((cell) => String(cell).replace(/[\p{Cc}]/gu, ' '))),
  ]
  const widths = COLUMNS.map((_, index) => Math.max(...table.map((line) => (line[index] ?? '').length)))
  return `${table
    .map((line) =>
      line
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`
}
