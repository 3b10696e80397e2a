// Walks Traefik's `static.Configuration` at one ref, through every nested type, into option rows
// named as in reference/static-options.tsv: json names, `<name>` for map entries, `[]` for arrays
// of objects, kinds bool/int/float/string/duration/…, export = the field's own `export:"true"`.
import { parseFile, parseTag } from './go-source.mjs'

const INTS = new Set(['int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64'])
const FLOATS = new Set(['float32', 'float64'])
/** Types from outside the repository that a static option may have. */
const EXTERNAL = new Map([
  ['github.com/traefik/paerser/types.Duration', 'duration'],
  ['github.com/containous/traefik/v2/pkg/types.Duration', 'duration'],
  ['time.Duration', 'duration'],
])
/** Types of the repository whose kind is not their Go shape. */
const SPECIAL = new Map([
  ['Duration', 'duration'],
  ['FileOrContent', 'file-or-content'],
])

/**
 * Paths use json names, as static-options.tsv does; Traefik's loader reads Go field names. Where
 * the two differ, the json tag was a typo, fixed later, that operators never wrote: the path
 * uses the name that the loader read and the typo's fix kept. `Name`/`desc` (Knative services)
 * differs on purpose and keeps its json name, as the reference does. Any other difference warns.
 */
const JSON_TYPOS = new Map([
  ['DataCenter:data center', 'datacenter'], // consulCatalog.endpoint, 2.1.0 … 2.1.2
  ['Scheme:https', 'scheme'], // entryPoints.<name>.http.redirections.entryPoint, 2.2.0 … 2.2.5
])
const JSON_NAMES = new Set(['Name:desc'])

const parsedFiles = new WeakMap()
/** A Go file parsed once per blob, whichever tags share it. */
function parsed(repo, id) {
  if (!parsedFiles.has(repo)) parsedFiles.set(repo, new Map())
  const cache = parsedFiles.get(repo)
  if (!cache.has(id)) cache.set(id, parseFile(repo.blob(id)))
  return cache.get(id)
}

/** The product name in option paths (`traefik` → `baqup`, case kept). */
export const rename = (segment) => segment.replaceAll('traefik', 'baqup').replaceAll('Traefik', 'Baqup')

export function staticOptions(repo, ref) {
  const mod = /^module\s+(\S+)/m.exec(repo.read(ref, 'go.mod') ?? '')?.[1]
  if (!mod) throw new Error(`no go.mod at ${ref}`)
  const packages = new Map()
  const warnings = new Set()

  function loadPackage(importPath) {
    if (packages.has(importPath)) return packages.get(importPath)
    let pkg = null
    if (importPath.startsWith(`${mod}/`)) {
      const dir = importPath.slice(mod.length + 1)
      const files = repo.list(ref, dir).filter(({ name }) => name.endsWith('.go') && !name.endsWith('_test.go'))
      pkg = { path: importPath, name: '', types: new Map() }
      for (const { id } of files) {
        const file = parsed(repo, id)
        pkg.name ||= file.pkg
        const scope = { pkg: importPath, imports: file.imports }
        for (const [typeName, decl] of file.types) pkg.types.set(typeName, { ...decl, scope })
      }
    }
    packages.set(importPath, pkg)
    return pkg
  }

  function importOf(scope, alias) {
    for (const entry of scope.imports) {
      if (entry.alias === alias) return entry.path
      if (entry.alias === null) {
        const local = loadPackage(entry.path)
        const name =
          local?.name ||
          entry.path
            .replace(/\/v\d+$/, '')
            .split('/')
            .at(-1)
            .replace(/\.v\d+$/, '')
        if (name === alias) return entry.path
      }
    }
    return null
  }

  /** Resolves a type expression to { kind } for scalars, or { struct, scope } / { slice } / { map } shapes. */
  function resolve(type, scope, depth = 0) {
    if (depth > 40) throw new Error('type resolution too deep')
    if (type.ptr) return { ...resolve(type.ptr, scope, depth + 1), pointer: true }
    if (type.struct) return { struct: type.struct, scope }
    if (type.slice || type.array) return { slice: resolve(type.slice ?? type.array, scope, depth + 1) }
    if (type.map) return { map: resolve(type.value, scope, depth + 1) }
    if (type.other) return { kind: 'any' }
    if (!type.pkg) {
      if (type.name === 'bool') return { kind: 'bool' }
      if (type.name === 'string') return { kind: 'string' }
      if (INTS.has(type.name)) return { kind: 'int' }
      if (FLOATS.has(type.name)) return { kind: 'float' }
      if (type.name === 'any') return { kind: 'any' }
    }
    const importPath = type.pkg ? importOf(scope, type.pkg) : scope.pkg
    const qualified = `${importPath}.${type.name}`
    if (EXTERNAL.has(qualified)) return { kind: EXTERNAL.get(qualified) }
    const decl = importPath && loadPackage(importPath)?.types.get(type.name)
    if (!decl) {
      warnings.add(`unresolved type ${type.pkg ?? ''}.${type.name} (${importPath ?? 'unknown import'})`)
      return { kind: 'unknown' }
    }
    if (SPECIAL.has(type.name) && !decl.type.struct) return { kind: SPECIAL.get(type.name) }
    return resolve(decl.type, decl.scope, depth + 1)
  }

  const rows = []
  const add = (path, kind, exported, reachable) => rows.push({ path, kind, export: exported, reachable })

  function walkStruct(struct, scope, prefix, reachable) {
    for (const field of struct) {
      if (!/^[A-Z]/.test(field.name)) continue
      const tag = parseTag(field.tag)
      const json = tag.get('json')?.split(',')[0]
      if (json === '-') continue
      const exported = tag.get('export') === 'true'
      const type = resolve(field.type, scope)
      if (field.embedded && !json) {
        if (type.struct) walkStruct(type.struct, type.scope, prefix, reachable && exported)
        else warnings.add(`embedded non-struct ${field.name} at ${prefix}`)
        continue
      }
      let name = json || field.name
      if (json && json.toLowerCase() !== field.name.toLowerCase()) {
        const key = `${field.name}:${json}`
        name = JSON_TYPOS.get(key) ?? json
        if (!JSON_TYPOS.has(key) && !JSON_NAMES.has(key)) warnings.add(`json name ${json} of Go field ${field.name}`)
      }
      const path = `${prefix}${rename(name)}`
      const allowEmpty = [tag.get('label'), tag.get('file')].some((value) => value?.includes('allowEmpty'))
      walkType(type, path, exported, reachable && exported, allowEmpty)
    }
  }

  function walkType(type, path, exported, reachable, allowEmpty) {
    if (type.struct) {
      if (allowEmpty) add(path, 'section', exported, reachable)
      walkStruct(type.struct, type.scope, `${path}.`, reachable)
    } else if (type.slice) {
      const element = type.slice
      if (element.struct) walkStruct(element.struct, element.scope, `${path}[].`, reachable)
      else if (element.kind) add(path, `${element.kind}[]`, exported, reachable)
      else warnings.add(`unsupported slice at ${path}`)
    } else if (type.map) {
      const value = type.map
      if (value.struct) walkStruct(value.struct, value.scope, `${path}.<name>.`, reachable)
      else if (value.map) add(`${path}.<name>`, 'map<string,any>', exported, reachable)
      else if (value.kind === 'string') add(path, 'map<string,string>', exported, reachable)
      else if (value.kind === 'any') add(path, 'map<string,any>', exported, reachable)
      else warnings.add(`unsupported map at ${path}`)
    } else add(path, type.kind, exported, reachable)
  }

  const root = loadPackage(`${mod}/pkg/config/static`)?.types.get('Configuration')
  if (!root?.type.struct) throw new Error(`no static.Configuration at ${ref}`)
  walkStruct(root.type.struct, root.scope, '', true)
  return { module: mod, rows, warnings: [...warnings] }
}
