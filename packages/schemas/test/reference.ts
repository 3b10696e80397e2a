import { readFileSync } from 'node:fs'
import { staticConfigSchema } from '../src/static-config.js'

/** The reference files copied into the repository (reference/, derived from Traefik v3.7). */
export const readReference = (name: string) =>
  readFileSync(new URL(`../../../reference/${name}`, import.meta.url), 'utf8')

export function referenceRows() {
  const [, ...lines] = readReference('static-options.tsv').trim().split('\n')
  return lines.map((line) => {
    const [path = '', kind = '', , value = ''] = line.split('\t')
    return { path, kind, default: value }
  })
}

/**
 * The reference files set every string to a placeholder (`foobar`), which Baqup refuses where the
 * option is a closed set: the document with each such value replaced by the set's first value.
 */
export function withAllowedValues<T>(document: T): T {
  const copy = structuredClone(document)
  for (const issue of staticConfigSchema.safeParse(copy).error?.issues ?? []) {
    if (issue.code !== 'invalid_value') continue
    let parent = copy as Record<PropertyKey, unknown>
    for (const segment of issue.path.slice(0, -1)) parent = parent[segment] as Record<PropertyKey, unknown>
    parent[issue.path.at(-1) as PropertyKey] = issue.values[0]
  }
  return copy
}
