import { staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { anonymize, MASKED } from '../../src/report/anonymize.js'
import { SCRUBBED } from '../../src/report/scrub.js'
import { listOptions } from '../../src/schema/options.js'
import { type SchemaNode, walk } from '../../src/schema/walk.js'
import { readReference, referenceRows } from '../support/reference.js'

/**
 * Traefik's own redactor test, `TestDo_staticConfiguration`: its input written as a configuration
 * file, and its expected output. Ours must never be looser, and stricter only where Baqup departs
 * from Traefik's export flags on purpose.
 */

interface Leaf {
  option: string
  value: unknown
}

const LEAF_LISTS = new Set(['string[]', 'float[]', 'file-or-content[]'])

/** Every leaf of a configuration, by real path, with the option (schema) path it belongs to. */
function leaves(
  node: SchemaNode,
  value: unknown,
  path: string,
  option: string,
  out: Map<string, Leaf>,
): Map<string, Leaf> {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value)
  if ((node.kind === 'object' || node.kind === 'section') && isObject) {
    const entries = Object.entries(value)
    if (entries.length === 0) out.set(path, { option, value: {} })
    for (const [key, child] of entries) {
      const childNode = node.children?.get(key)
      if (!childNode) throw new Error(`unknown key ${path}.${key}`)
      leaves(childNode, child, path ? `${path}.${key}` : key, option ? `${option}.${key}` : key, out)
    }
  } else if (node.kind === 'map' && isObject) {
    for (const [name, child] of Object.entries(value))
      leaves(node.item as SchemaNode, child, `${path}.${name}`, `${option}.<name>`, out)
  } else if (node.kind === 'map<string,string>' && isObject) {
    for (const [name, child] of Object.entries(value)) out.set(`${path}.${name}`, { option, value: child })
  } else if (node.kind === 'list' && Array.isArray(value)) {
    value.forEach((item, index) => leaves(node.item as SchemaNode, item, `${path}[${index}]`, `${option}[]`, out))
  } else {
    out.set(path, { option, value })
  }
  return out
}

/**
 * The fixture's entry names (`foobar`, `CertificateResolver0`, `Descriptor0`), none of which is in
 * the names dictionary, by the placeholder we send each as. Traefik sends any name as written.
 */
const SENT_AS: readonly (readonly [map: string, name: string, placeholder: string])[] = [
  ['entryPoints', 'foobar', 'entry-1'],
  ['certificatesResolvers', 'CertificateResolver0', 'resolver-1'],
  ['experimental.plugins', 'Descriptor0', 'plugin-1'],
  ['experimental.plugins', 'Descriptor1', 'plugin-2'],
  ['experimental.localPlugins', 'Descriptor0', 'plugin-1'],
  ['experimental.localPlugins', 'Descriptor1', 'plugin-2'],
]

function mapAt(config: Record<string, unknown>, path: string): Record<string, unknown> {
  return path.split('.').reduce((value, key) => value[key] as Record<string, unknown>, config)
}

/** Our anonymized copy with each placeholder written back as the fixture's name, so that paths compare. */
function underFixtureNames(anonymized: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(anonymized)
  for (const [map, name, placeholder] of SENT_AS) {
    const entries = mapAt(copy, map)
    entries[name] = entries[placeholder]
    delete entries[placeholder]
  }
  return copy
}

const root = walk(staticConfigSchema)
const input = parseYaml(readReference('redactor/static-input.yaml'))
const anonymized = anonymize(staticConfigSchema, input)
const ours = leaves(root, underFixtureNames(anonymized), '', '', new Map())
const traefik = leaves(root, JSON.parse(readReference('redactor/expected-anonymized.json')), '', '', new Map())

const exportedByUs = new Map(listOptions(root).map((option) => [option.path, option.export]))
/** Options whose export flag differs from Traefik's: computed, never listed by hand. */
const departures = new Set(
  referenceRows()
    .filter((row) => row.export !== exportedByUs.get(row.path))
    .map((row) => row.path),
)
const isDeparture = (option: string) => [...departures].some((path) => option === path || option.startsWith(`${path}.`))
const LOOSER_ON_PURPOSE = 'entryPoints.<name>.address'

/**
 * True when a container above the option is not exported by our schema. Traefik walks into some
 * such containers and masks each field (`ingressEndpoint.ip: "xxxx"`); we drop the container
 * whole, which only hides that the fields were set.
 */
function underMaskedContainer(option: string): boolean {
  let node: SchemaNode | undefined = root
  const segments = option.replaceAll('[]', '.[]').split('.')
  for (const segment of segments.slice(0, -1)) {
    node = segment === '<name>' || segment === '[]' ? node?.item : node?.children?.get(segment)
    if (node && !node.export) return true
  }
  return false
}

function nodeAt(option: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root
  for (const segment of option.replaceAll('[]', '.[]').split('.')) {
    node = segment === '<name>' || segment === '[]' ? node?.item : node?.children?.get(segment)
  }
  return node
}

/**
 * Options whose value the schema fixes (an enumeration, a reference to an entry of the same
 * configuration, a version): Traefik sends any string there, we send only one that fits. The
 * fixture's placeholders (`Level`, `MyKeyType`, `MyEntryPoint` with no such entry point) do not.
 */
const isShapeChecked = (option: string) => Boolean(nodeAt(option)?.shape ?? nodeAt(option)?.values)

/** Replaced by 32 x: a string, or every item of a list. */
const isScrubbed = (value: unknown) =>
  value === SCRUBBED || (Array.isArray(value) && value.length > 0 && value.every((item) => item === SCRUBBED))

/** A reference to a renamed entry is sent as the entry's placeholder (`to: foobar` → `to: entry-1`). */
const followsRenamedEntry = (theirs: unknown, ours: unknown) =>
  SENT_AS.some(([, name, placeholder]) => theirs === name && ours === placeholder)

const isMasked = (value: unknown) =>
  value === MASKED || (Array.isArray(value) && value.length > 0 && value.every((item) => item === MASKED))

describe("anonymize against Traefik's redactor fixture", () => {
  it('sends the fixture entry names as placeholders: none is in the names dictionary', () => {
    for (const [map, name, placeholder] of SENT_AS) {
      expect(Object.keys(mapAt(anonymized, map)), map).toContain(placeholder)
      expect(Object.keys(mapAt(anonymized, map)), map).not.toContain(name)
    }
  })

  it('reads the whole fixture', () => {
    expect(traefik.size).toBeGreaterThan(200)
    expect(ours.size).toBeGreaterThan(150)
    expect(departures.has(LOOSER_ON_PURPOSE)).toBe(true)
  })

  it('keeps nothing Traefik masks or drops (but the entry point address)', () => {
    const looser = [...ours].filter(([path, { option, value }]) => {
      if (option === LOOSER_ON_PURPOSE) return false
      const theirs = traefik.get(path)
      return !theirs || (isMasked(theirs.value) && !isMasked(value))
    })
    expect(looser.map(([path]) => path)).toEqual([])
  })

  it('masks an entry point address whose port cannot be read, as Traefik masks every address', () => {
    expect(ours.get('entryPoints.foobar.address')?.value).toBe(MASKED)
    expect(traefik.get('entryPoints.foobar.address')?.value).toBe(MASKED)
  })

  it('agrees with Traefik everywhere but on the departures', () => {
    const differences = [...traefik]
      .filter(
        ([path, theirs]) =>
          !isDeparture(theirs.option) && JSON.stringify(ours.get(path)?.value) !== JSON.stringify(theirs.value),
      )
      .filter(([path, theirs]) => !(underMaskedContainer(theirs.option) && isMasked(theirs.value) && !ours.has(path)))
      .filter(([path, theirs]) => !(isShapeChecked(theirs.option) && isScrubbed(ours.get(path)?.value)))
      .filter(([path, theirs]) => !followsRenamedEntry(theirs.value, ours.get(path)?.value))
      .map(
        ([path, theirs]) =>
          `${path}: ours ${JSON.stringify(ours.get(path)?.value)}, Traefik ${JSON.stringify(theirs.value)}`,
      )
    expect(differences).toEqual([])
  })

  it('sends a shape-checked value that does not fit its shape as 32 x, and every one that fits as Traefik does', () => {
    const checked = [...traefik].filter(([, theirs]) => isShapeChecked(theirs.option))
    expect(checked.length).toBeGreaterThan(8)
    const replaced = checked.filter(([path]) => ours.get(path)?.value === SCRUBBED).map(([path]) => path)
    expect(replaced).toContain('log.level')
    expect(replaced).toContain('ping.entryPoint')
    expect(replaced).not.toContain('entryPoints.foobar.http.redirections.entryPoint.to')
  })

  it('drops whole only containers whose every field Traefik masks', () => {
    const dropped = [...traefik].filter(([path, theirs]) => underMaskedContainer(theirs.option) && !ours.has(path))
    for (const [path, { value }] of dropped) expect(isMasked(value), `${path} is ${JSON.stringify(value)}`).toBe(true)
  })

  it('is stricter on the departures: masked or removed where Traefik keeps the value', () => {
    const departed = [...traefik].filter(
      ([, theirs]) => isDeparture(theirs.option) && theirs.option !== LOOSER_ON_PURPOSE,
    )
    expect(departed.length).toBeGreaterThan(20)
    for (const [path] of departed) {
      const value = ours.get(path)?.value
      expect(value === undefined || isMasked(value), `${path} is ${JSON.stringify(value)}`).toBe(true)
    }
  })

  it('keeps booleans, numbers and durations as Traefik does', () => {
    const scalars = [...traefik].filter(
      ([, { value }]) =>
        typeof value === 'boolean' || typeof value === 'number' || /^\d+(ns|s)$|^\dm\d+s$/.test(String(value)),
    )
    expect(scalars.length).toBeGreaterThan(80)
    for (const [path, { value }] of scalars) expect(ours.get(path)?.value, path).toEqual(value)
  })
})
