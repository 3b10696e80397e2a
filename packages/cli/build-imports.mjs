// An esbuild plugin for the CLI's build: `import { walk } from '@baqup/core'` in the CLI's sources
// becomes an import of the file that defines `walk`, read from the package's index. esbuild's code
// splitting assigns a whole package index, and everything it re-exports, to every chunk that imports
// it: without this, `flags` would load the YAML parser and `--help` the schema.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const INDEXES = {
  '@baqup/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
  '@baqup/schemas': fileURLToPath(new URL('../schemas/src/index.ts', import.meta.url)),
}

/** `a`, `a as b`, `type T`: the value bindings of an import or export list, as [imported, local]. */
function bindings(list) {
  return list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item && !item.startsWith('type '))
    .map((item) => {
      const [imported, local = imported] = item.split(/\s+as\s+/)
      return [imported, local]
    })
}

/** Exported name → the defining file and its name there, from the index's `export { … } from '…'` lines. */
function exportMap(index) {
  const map = new Map()
  const text = readFileSync(index, 'utf8')
  for (const [, list, from] of text.matchAll(/export\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    const file = join(dirname(index), from.replace(/\.js$/, '.ts'))
    for (const [imported, exported] of bindings(list)) map.set(exported, { file, name: imported })
  }
  return map
}

function rewrite(source, maps) {
  return source.replace(/import\s*\{([^}]*)\}\s*from\s*'(@baqup\/(?:core|schemas))'/g, (statement, list, specifier) => {
    const map = maps[specifier]
    const byFile = new Map()
    const kept = []
    for (const [imported, local] of bindings(list)) {
      const found = map.get(imported)
      if (!found) {
        kept.push(`${imported} as ${local}`)
        continue
      }
      byFile.set(found.file, [...(byFile.get(found.file) ?? []), `${found.name} as ${local}`])
    }
    const direct = [...byFile].map(([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)}`)
    if (kept.length > 0) direct.push(`import { ${kept.join(', ')} } from '${specifier}'`)
    return direct.join('; ')
  })
}

/** Rewrites the imports of the workspace packages in the files under `sourceDir`. */
export function directImports(sourceDir) {
  return {
    name: 'direct-imports',
    setup(build) {
      const maps = Object.fromEntries(Object.entries(INDEXES).map(([name, index]) => [name, exportMap(index)]))
      const filter = new RegExp(`^${sourceDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\.ts$`)
      build.onLoad({ filter }, (args) => ({ contents: rewrite(readFileSync(args.path, 'utf8'), maps), loader: 'ts' }))
    },
  }
}
