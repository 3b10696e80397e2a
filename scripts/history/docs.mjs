// Cross-checks the struct walk against Traefik's static-configuration reference at the same ref:
// every leaf of file.yaml, and every flag of cli-ref.md (or, from 3.7, the table of
// install-configuration/configuration-options.md), must name an option the structs have.
import { createRequire } from 'node:module'
import { rename } from './go-walk.mjs'

const { parse } = createRequire(new URL('../../packages/schemas/package.json', import.meta.url))('yaml')

const FILE_YAML = 'docs/content/reference/static-configuration/file.yaml'
const CLI_REF = 'docs/content/reference/static-configuration/cli-ref.md'
const OPTIONS_TABLE = 'docs/content/reference/install-configuration/configuration-options.md'

/** The leaves of file.yaml as option paths, matched against the struct paths (`<name>`, `[]`). */
export function fileYamlPaths(text, rows) {
  const prefixes = new Set()
  const leaves = new Map(rows.map((row) => [row.path.toLowerCase(), row]))
  for (const { path } of rows) {
    const segments = path.split('.')
    for (let i = 1; i <= segments.length; i++) prefixes.add(segments.slice(0, i).join('.').toLowerCase())
  }
  const found = []
  const visit = (value, prefix) => {
    const leaf = leaves.get(prefix.toLowerCase())
    if (leaf && leaf.kind !== 'section') return found.push(leaf.path)
    if (Array.isArray(value)) {
      if (value.some((item) => item && typeof item === 'object')) {
        for (const item of value) visit(item, `${prefix}[]`)
      } else found.push(prefix)
      return
    }
    if (!value || typeof value !== 'object') return found.push(leaf?.path ?? prefix)
    if (leaf) found.push(leaf.path)
    for (const [key, child] of Object.entries(value)) {
      const named = prefix ? `${prefix}.${rename(key)}` : rename(key)
      const entry = prefix ? `${prefix}.<name>` : '<name>'
      visit(child, prefixes.has(named.toLowerCase()) || !prefixes.has(entry.toLowerCase()) ? named : entry)
    }
  }
  visit(parse(text), '')
  return [...new Set(found)]
}

/** The flags of cli-ref.md (`--providers.docker.swarmmode`), or the options table of 3.7+. */
export function cliPaths(text) {
  const flags = [...text.matchAll(/^`--([^`=]+)`:/gm)].map((match) => match[1])
  const table = [...text.matchAll(/^\| <a id="opt-[^"]*"[^>]*>([^<]+)<\/a>/gm)].map((match) => match[1])
  return [...flags, ...table].map((flag) => rename(flag.replace(/\[(n|\d+)\]/g, '[]').replaceAll('_name_', '<name>')))
}

/**
 * What the documentation at a ref says that the structs do not, and how many options it leaves out.
 * CLI names are Go field names lower-cased: compared case-insensitively, and `desc`/`name`
 * (the one field whose Go name differs from its json name) tolerated.
 */
export function crossCheck(repo, ref, rows) {
  const known = new Set(rows.map((row) => row.path.toLowerCase()))
  const yamlText = repo.read(ref, FILE_YAML)
  const yaml = yamlText ? fileYamlPaths(yamlText, rows) : []
  const cliText = repo.read(ref, CLI_REF) || repo.read(ref, OPTIONS_TABLE) || ''
  const cli = cliPaths(cliText).map((path) => path.toLowerCase())
  const lowerCli = new Set(cli)
  // A flag may also name an object on the way to options (`--entrypoints.<name>`), or one entry
  // of a map of strings (`--providers.http.headers.<name>`).
  const objects = new Set()
  for (const path of known) {
    const segments = path.split('.')
    for (let i = 1; i < segments.length; i++) {
      const prefix = segments.slice(0, i).join('.')
      objects.add(prefix)
      objects.add(prefix.replace(/\[\]$/, ''))
    }
  }
  const isKnownFlag = (path) =>
    known.has(path) ||
    objects.has(path) ||
    known.has(path.replace(/\.<name>$/, '')) ||
    known.has(path.replace(/\.name$/, '.desc'))
  return {
    source: {
      yaml: yamlText ? FILE_YAML : null,
      cli: cliText ? (cliText.includes('`--') ? CLI_REF : OPTIONS_TABLE) : null,
    },
    yamlLeaves: yaml.length,
    yamlUnknown: yaml.filter((path) => !known.has(path.toLowerCase())),
    yamlMissing: rows.filter((row) => row.kind !== 'section' && !yaml.includes(row.path)).length,
    cliFlags: lowerCli.size,
    cliUnknown: [...lowerCli].filter((path) => !isKnownFlag(path)),
    cliMissing: rows.filter((row) => {
      const path = row.path.toLowerCase()
      return !lowerCli.has(path) && !lowerCli.has(`${path}.<name>`)
    }).length,
  }
}
