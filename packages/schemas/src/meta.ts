import * as z from 'zod'

/**
 * The export marker: the one metadata value that lets an option leave the machine.
 * Everything without it is masked by the anonymizer (redaction is the default).
 */
export const EXPORT_MARKER = 'export'

/** Metadata of an option. `kind` is set by the kind helpers where Zod's own type is not enough. */
export type OptionMeta = {
  /** The export marker, set by {@link exported} only. */
  description?: typeof EXPORT_MARKER
  /** One line of help text, set by {@link exported} and {@link masked}. */
  help?: string
  kind?: 'duration' | 'file-or-content' | 'section'
  /** Other names a configuration may use for this option (read as the canonical one). */
  aliases?: readonly string[]
  /** An enumeration read in any case (`debug`, `Debug`) and kept in the spelling the schema lists. */
  caseInsensitive?: boolean
  /** What an exported string must look like to be sent as written (see `shapes.ts`). */
  shape?: StringShape
  /** Prefix of the numbered names (`entry-1`) sent instead of entry names not in `names`. */
  placeholder?: string
  /** The dictionary of entry names sent as written (compared in any case, sent in its spelling); see `names.ts`. */
  names?: readonly string[]
  /** The first minor release that has the option (`'2.0'`), from the history (see `history.ts`). */
  since?: string
  /** The last minor release that has the option, when a later one removed it (absent while the newest has it). */
  until?: string
  /** Each run of minor releases that has the option, with its export flag then: `[since, until or null, exported]`. */
  ranges?: readonly ReleaseRange[]
}

/** A run of minor releases `since`…`until` (null: to the newest) in which an option exists, and its export flag then. */
export type ReleaseRange = readonly [since: string, until: string | null, exported: boolean]

/**
 * The closed shape of an exported string, read by the anonymizer: a reference to an entry of the
 * map at `to` in the same configuration (or one of `implicit`, or a `:port` when `orPort`), a
 * listening address, a name from the `names` dictionary optionally `@` one of `qualifiers`, one of
 * `values` (a closed set the anonymizer checks while validation reads any string), a strict
 * `v1.2.3` version, an HTTP status code or range. A value that does not fit is not sent as written.
 */
export type StringShape =
  | {
      readonly type: 'reference'
      readonly to: string
      readonly orPort?: boolean
      readonly implicit?: readonly string[]
    }
  | { readonly type: 'qualified-name'; readonly names: readonly string[]; readonly qualifiers: readonly string[] }
  | { readonly type: 'one-of'; readonly values: readonly string[] }
  | { readonly type: 'address' | 'version' | 'status-code' }

// Zod's documented way to type metadata: every `.meta()` call is checked against OptionMeta's
// fields (Zod's own `description` stays a string: the marker is written by `exported` alone).
declare module 'zod' {
  interface GlobalMeta extends Omit<OptionMeta, 'description'> {}
}

/** What `exported` and `masked` return: the schema made optional, unless it already has a default or is optional. */
export type OptionSchema<T extends z.ZodType> = T extends z.ZodDefault | z.ZodPrefault | z.ZodOptional
  ? T
  : z.ZodOptional<T>

/**
 * `fresh.meta(meta)` without the copy `.meta()` makes of the schema, for a schema created for
 * this one use (a schema shared by several options must take `.meta()`). Read back the same way.
 */
export function withMeta<T extends z.ZodType>(fresh: T, meta: z.GlobalMeta): T {
  z.globalRegistry.add(fresh, meta)
  return fresh
}

/** The schema made optional (unless it has a default or is optional already), with its metadata. */
function option<T extends z.ZodType>(schema: T, meta: OptionMeta): OptionSchema<T> {
  const type = schema.def.type
  const kept = type === 'default' || type === 'prefault' || type === 'optional'
  // A schema passed in may be shared: it keeps Zod's copy.
  return (kept ? schema.meta(meta) : withMeta(schema.optional(), meta)) as OptionSchema<T>
}

/** An option that may be sent: `.describe('export')` plus its help text. */
export function exported<T extends z.ZodType>(schema: T, help: string): OptionSchema<T> {
  return option(schema, { description: EXPORT_MARKER, help })
}

/** An option that never leaves the machine as written (the default for anything not exported). */
export function masked<T extends z.ZodType>(schema: T, help: string): OptionSchema<T> {
  return option(schema, { help })
}
