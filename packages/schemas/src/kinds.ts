import * as z from 'zod'
import { withMeta } from './meta.js'

/** A path to a file or the content itself (Go's types.FileOrContent); masked like any string. */
export function fileOrContent() {
  return withMeta(z.string(), { kind: 'file-or-content' })
}

/** The same shape with its fields in sorted order: Zod gives parsed objects its order. */
function sorted<Shape extends z.ZodRawShape>(shape: Shape): Shape {
  return Object.fromEntries(Object.entries(shape).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as Shape
}

/** Turns a section switch into its object: `{}`, `null` and `true` switch it on, `false` off. */
function switchSection(value: unknown): unknown {
  if (value === null || value === true) return {}
  if (value === false) return undefined
  return value
}

/** A section: an object that can be switched on empty (`api: {}`, `api:`, `--api`) or off (`--api=false`). */
export function section<Shape extends z.ZodRawShape>(shape: Shape) {
  return withMeta(z.preprocess(switchSection, z.strictObject(sorted(shape)).optional()), { kind: 'section' })
}

/** A plain group of options. */
export function group<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(sorted(shape))
}

/** Created with its parent (Go's SetDefaults), so its defaults apply as soon as the parent exists. */
export function withParent<T extends z.ZodType>(schema: T) {
  return schema.prefault({} as never)
}

/** Named entries: `entryPoints.<name>`, `certificatesResolvers.<name>`. */
export function named<T extends z.ZodType>(value: T) {
  return z.record(z.string(), value)
}

/** A map of free-form strings (`<name>` → string). */
export function stringMap() {
  return z.record(z.string(), z.string())
}

type Values = readonly [string, ...string[]]

/** A closed set of strings, read exactly as written (Go's `switch value`). */
export function oneOf<const T extends Values>(values: T) {
  return z.enum(values)
}

/** Maps a case variant onto the spelling the set lists; anything else is left for the enumeration to refuse. */
function canonicalCase(values: Values) {
  const byLowerCase = new Map(values.map((value) => [value.toLowerCase(), value]))
  return (value: unknown) => (typeof value === 'string' ? (byLowerCase.get(value.toLowerCase()) ?? value) : value)
}

/** A map whose values are one of a closed set (`<name>` → `keep`), read exactly as written. */
export function oneOfMap<const T extends Values>(values: T) {
  return z.record(z.string(), oneOf(values))
}

/** A closed set of strings read in any case (Go's `strings.EqualFold`), kept in the spelling listed: `debug` → `DEBUG`. */
export function oneOfAnyCase<const T extends Values>(values: T) {
  return withMeta(z.preprocess(canonicalCase(values), z.enum(values)), { caseInsensitive: true })
}
