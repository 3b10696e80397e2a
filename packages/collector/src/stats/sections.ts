import { ITEM_SEGMENT, listOptions, NAME_SEGMENT, type Option, walk } from '@baqup/core'
import type * as z from 'zod'

/**
 * What the statistics count, derived from the configuration schema: the paths are the option
 * rows' paths (`flags` spelling), so a new provider or section is counted without a change here.
 */

/** Maps whose number of entries per installation is published as a histogram. */
export const COUNTED_MAPS = { entryPoints: 'entryPoints', certificateResolvers: 'certificatesResolvers' } as const
/** The group whose booleans are feature switches (`experimental.knative`). */
export const SWITCHES_UNDER = 'experimental'
/** The group whose plain objects are providers too (`providers.file`), used when any of their fields is set. */
export const PROVIDERS_UNDER = 'providers'
/** The object whose sections are the ACME challenge types. */
export const CHALLENGES_UNDER = `certificatesResolvers.${NAME_SEGMENT}.acme`

const VALUE_KINDS = new Set(['bool', 'int', 'float', 'duration'])
const NUMBER_KINDS = new Set(['int', 'float'])

const inCollection = (path: string) => path.includes(NAME_SEGMENT) || path.includes(ITEM_SEGMENT)
const parentOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('.')))

export interface StatsCatalog {
  readonly options: ReadonlyMap<string, Option>
  /** Sections used when their row is present (`providers.docker`, `api`, `tracing.otlp`…). */
  readonly sections: readonly string[]
  /** Objects used when any of their fields is set (`providers.file`): name → the fields' paths. */
  readonly groups: Readonly<Record<string, readonly string[]>>
  /** Feature switches used when true: the booleans of `experimental`. */
  readonly switches: readonly string[]
  /** Option rows whose value is published: exported booleans, numbers, durations and enumerations. */
  readonly valuePaths: readonly string[]
  /** Among them, the numbers, published in buckets. */
  readonly numberPaths: readonly string[]
  /** Per counted map, the paths of its entries' own fields (one row per entry that sets it). */
  readonly entryFields: Readonly<Record<keyof typeof COUNTED_MAPS, readonly string[]>>
  readonly challenges: readonly string[]
}

/** The lists of paths the statistics count, read from the schema once. */
export function statsCatalog(schema: z.ZodType): StatsCatalog {
  const root = walk(schema)
  const list = listOptions(root)
  const sectionPaths = new Set(list.filter((option) => option.kind === 'section').map((option) => option.path))
  const providerObjects = [...(root.children?.get(PROVIDERS_UNDER)?.children ?? [])]
    .filter(([, node]) => node.kind === 'object')
    .map(([name]) => `${PROVIDERS_UNDER}.${name}`)
  const fieldsOf = (map: string) =>
    list
      .map((option) => option.path)
      .filter((path) => path.startsWith(`${map}.${NAME_SEGMENT}.`) && path.split(NAME_SEGMENT).length === 2)
      .filter((path) => !path.includes(ITEM_SEGMENT))
  return {
    options: new Map(list.map((option) => [option.path, option])),
    sections: [...sectionPaths].filter((path) => !inCollection(path)),
    groups: Object.fromEntries(
      providerObjects.map((group) => [
        group,
        list.filter((option) => option.path.startsWith(`${group}.`)).map((option) => option.path),
      ]),
    ),
    switches: list
      .filter((option) => option.kind === 'bool' && parentOf(option.path) === SWITCHES_UNDER)
      .map((option) => option.path),
    valuePaths: list
      .filter(
        (option) => option.export && (VALUE_KINDS.has(option.kind) || (option.kind === 'string' && option.values)),
      )
      .map((option) => option.path),
    numberPaths: list.filter((option) => option.export && NUMBER_KINDS.has(option.kind)).map((option) => option.path),
    entryFields: {
      entryPoints: fieldsOf(COUNTED_MAPS.entryPoints),
      certificateResolvers: fieldsOf(COUNTED_MAPS.certificateResolvers),
    },
    challenges: [...sectionPaths].filter((path) => parentOf(path) === CHALLENGES_UNDER),
  }
}

/** `certificatesResolvers.<name>.acme.httpChallenge` → `httpChallenge`. */
export const challengeType = (path: string) => path.slice(CHALLENGES_UNDER.length + 1)
