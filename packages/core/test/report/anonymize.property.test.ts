import { staticConfigSchema } from '@baqup/schemas'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anonymize, MASKED } from '../../src/report/anonymize.js'
import { isPlaceholder } from '../../src/report/names.js'
import { DEFAULT_PLACEHOLDER } from '../../src/report/references.js'
import { type SchemaNode, walk } from '../../src/schema/walk.js'
import {
  configArbitrary,
  IPV6_MARK,
  LEAK_MARK,
  materialize,
  SECRET_MARK,
} from '../fixtures/anonymize/config-arbitrary.js'
import { normalized } from '../fixtures/anonymize/secrets.js'
import { strings } from '../support/strings.js'

/** 2 000 configurations by default; `FUZZ_RUNS=100000` (the `pnpm fuzz` script) for a long run. */
const runs = Number(process.env.FUZZ_RUNS) || 2_000
const root = walk(staticConfigSchema)
const configs = configArbitrary(root).map(materialize)

/** Paths of values found where the option is not exported and the value is not a mask. */
function unmasked(node: SchemaNode, value: unknown, exported: boolean, path: string, out: string[]): string[] {
  const isMask = value === MASKED || (Array.isArray(value) && value.every((item) => item === MASKED))
  if (!exported) {
    if (!isMask || !['string', 'file-or-content', 'string[]', 'file-or-content[]'].includes(node.kind)) out.push(path)
    return out
  }
  if (typeof value !== 'object' || value === null) return out
  if (node.kind === 'object' || node.kind === 'section') {
    for (const [key, child] of Object.entries(value)) {
      const childNode = node.children?.get(key)
      if (!childNode) out.push(`${path}.${key} (unknown)`)
      else unmasked(childNode, child, childNode.export, `${path}.${key}`, out)
    }
  } else if (node.kind === 'map' || node.kind === 'list') {
    for (const [key, child] of Object.entries(value))
      unmasked(node.item as SchemaNode, child, true, `${path}.${key}`, out)
  }
  return out
}

/** Entry names sent that are neither in their map's dictionary (as it spells them) nor one of its placeholders. */
function strayNames(node: SchemaNode, value: unknown, path: string, out: string[]): string[] {
  if (typeof value !== 'object' || value === null) return out
  const isMap = node.kind === 'map' || node.kind === 'map<string,string>'
  for (const [key, child] of Object.entries(value)) {
    if (isMap) {
      const placeholder = node.placeholder ?? DEFAULT_PLACEHOLDER
      if (!node.names?.includes(key) && !isPlaceholder(key, placeholder)) out.push(`${path}.${key}`)
    }
    const childNode = isMap || node.kind === 'list' ? node.item : node.children?.get(key)
    if (childNode) strayNames(childNode, child, `${path}.${key}`, out)
  }
  return out
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

describe(`anonymize, property-based (${runs} generated configurations)`, () => {
  it('lets no planted secret, address or disguised name or version through, and keeps what is harmless', {
    timeout: Math.max(120_000, runs * 30),
  }, () => {
    fc.assert(
      fc.property(configs, ({ config, secrets, secretNumbers, cores, benign }) => {
        const out = anonymize(staticConfigSchema, config)
        const json = JSON.stringify(out)
        expect(json).not.toContain(SECRET_MARK)
        for (const secret of secrets) expect(json).not.toContain(secret)
        for (const number of secretNumbers) expect(json).not.toContain(String(number))
        // Compared in one normal form: percent-decoded, full-width forms folded.
        const sent = normalized(strings(out).join('\n'))
        expect(sent).not.toMatch(LEAK_MARK)
        expect(sent).not.toContain(IPV6_MARK)
        for (const core of cores) expect(sent).not.toContain(normalized(core))
        const kept = new Set(strings(out))
        for (const text of benign) expect(kept).toContain(text)
        expect(unmasked(root, out, true, '', [])).toEqual([])
        expect(strayNames(root, out, '', [])).toEqual([])
        expect(strings(out).filter((text) => !PRINTABLE_ASCII.test(text))).toEqual([])
      }),
      { numRuns: runs },
    )
  })

  it('is idempotent: the anonymized copy anonymizes to itself', { timeout: Math.max(60_000, runs * 20) }, () => {
    fc.assert(
      fc.property(configs, ({ config }) => {
        const once = anonymize(staticConfigSchema, config)
        expect(anonymize(staticConfigSchema, once)).toEqual(once)
      }),
      { numRuns: Math.ceil(runs / 4) },
    )
  })
})
