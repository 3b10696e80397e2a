// Packs the publishable packages as they would be published (pnpm rewrites `workspace:*` to
// versions and applies `publishConfig`), and checks each packed manifest against its own files.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))
export const PUBLISHED = ['schemas', 'core', 'cli']

/** Packs every published package into `destination`: [{ name, tarball, unpacked }]. */
export function packAll(destination) {
  return PUBLISHED.map((folder) => {
    const dir = join(root, 'packages', folder)
    if (!existsSync(join(dir, 'dist'))) throw new Error(`packages/${folder} is not built: run "pnpm build" first`)
    const output = execFileSync('pnpm', ['pack', '--json', '--pack-destination', destination], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const { name, filename } = JSON.parse(output)
    const unpacked = join(destination, 'unpacked', folder)
    mkdirSync(unpacked, { recursive: true })
    execFileSync('tar', ['-xzf', filename, '-C', unpacked, '--strip-components=1'])
    return { name, tarball: filename, unpacked }
  })
}

/** Every string an `exports` map points to, whatever the condition. */
function exportTargets(exports) {
  if (typeof exports === 'string') return [exports]
  if (exports === null || typeof exports !== 'object') return []
  return Object.values(exports).flatMap(exportTargets)
}

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`. */
const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

const BARE_REQUIRE = /\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g
const BARE_IMPORT = /(?:\bfrom\s+|\bimport\(\s*)["']([^"'./][^"']*)["']/g

/** Packages a file loads that Node does not provide: `require()` of the bundle, imports of modules and types. */
function loadedPackages(file, pattern) {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(pattern)].map(([, specifier]) => specifier)
  return specifiers.filter((specifier) => !builtins.has(specifier)).map(packageOf)
}

/** The files under `dir` whose name ends with `suffix`. */
const filesEndingWith = (dir, suffix) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(suffix))
    .map((file) => join(dir, file))

/** What is wrong with one packed package, as sentences (none when it is fine). */
export function manifestProblems({ name, unpacked }) {
  const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'))
  const problems = []
  const targets = [
    ...exportTargets(manifest.exports),
    ...Object.values(manifest.bin ?? {}),
    ...[manifest.main, manifest.types].filter(Boolean),
  ]
  for (const target of targets) {
    if (!existsSync(join(unpacked, target))) problems.push(`${name}: ${target} is referenced but not in the tarball`)
  }
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      if (range.startsWith('workspace:')) problems.push(`${name}: ${field}.${dependency} is still ${range}`)
    }
  }
  // A consumer installs `dependencies` only: whatever the code and the types load must be there.
  const dist = join(unpacked, 'dist')
  const loaded = new Set([
    ...filesEndingWith(dist, '.cjs').flatMap((file) => loadedPackages(file, BARE_REQUIRE)),
    ...filesEndingWith(dist, '.js').flatMap((file) => loadedPackages(file, BARE_IMPORT)),
    ...filesEndingWith(dist, '.d.ts').flatMap((file) => loadedPackages(file, BARE_IMPORT)),
  ])
  for (const dependency of loaded) {
    if (!manifest.dependencies?.[dependency] && !manifest.peerDependencies?.[dependency]) {
      problems.push(`${name}: dist loads ${dependency}, which is not in its dependencies`)
    }
  }
  return problems
}
