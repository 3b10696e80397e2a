import { readFileSync } from 'node:fs'

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
