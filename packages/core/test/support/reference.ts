import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Files copied into the repository (reference/, derived from Traefik v3.7). */
export const referenceDir = fileURLToPath(new URL('../../../../reference/', import.meta.url))
export const readReference = (name: string) => readFileSync(referenceDir + name, 'utf8')

export interface ReferenceRow {
  path: string
  kind: string
  export: boolean
  default: string
}

export function referenceRows(): ReferenceRow[] {
  const [, ...lines] = readReference('static-options.tsv').trim().split('\n')
  return lines.map((line) => {
    const [path = '', kind = '', exported = '', value = ''] = line.split('\t')
    return { path, kind, export: exported === 'true', default: value }
  })
}

/** Real users' files: third-party, never copied into the repository; present only beside it. */
export const corpusDir = fileURLToPath(new URL('../../../../../shared/reference/corpus/', import.meta.url))
export const corpusFiles = existsSync(corpusDir)
  ? readdirSync(corpusDir).filter((name) => /\.(ya?ml|toml)$/.test(name))
  : []
export const corpusSkipReason = corpusFiles.length
  ? ''
  : `corpus not found at ${corpusDir}: corpus tests skipped (they run when ../shared/reference/corpus exists)`
