import { createRequire } from 'node:module'
import type { Origin } from './errors.js'
import { pathKey } from './keys.js'
import { depthError, LIMITS, refuseDeepBrackets } from './limits.js'
import { type RawMap, type RawNode, rawList, rawMap, rawScalar, type ScalarValue } from './raw.js'
import { tomlSyntaxError } from './toml-errors.js'
import { locateTomlKeys, type TomlPositions } from './toml-locate.js'
import { refuseWhatTomlForbids } from './toml-strict.js'

type TomlParser = typeof import('@iarna/toml')

/** The TOML parser is loaded for TOML files only (synchronously: loading is synchronous). */
const loadToml = (): TomlParser => createRequire(import.meta.url)('@iarna/toml')

function locate(positions: TomlPositions, path: readonly (string | number)[], source: string): Origin {
  for (let length = path.length; length > 0; length--) {
    const position = positions.get(pathKey(path.slice(0, length)))
    if (position) return { source, ...position }
  }
  return { source }
}

function toRaw(
  value: unknown,
  path: (string | number)[],
  depth: number,
  positions: TomlPositions,
  source: string,
): RawNode {
  const origin = locate(positions, path, source)
  if (depth > LIMITS.maxDepth) throw depthError(source, origin.line, origin.column)
  if (Array.isArray(value)) {
    return rawList(
      value.map((item, index) => toRaw(item, [...path, index], depth + 1, positions, source)),
      origin,
    )
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const entries = Object.keys(value).map((key) => {
      const child = [...path, key]
      const raw = toRaw((value as Record<string, unknown>)[key], child, depth + 1, positions, source)
      return { key, origin: locate(positions, child, source), value: raw }
    })
    return rawMap(entries, origin)
  }
  return rawScalar(value as ScalarValue, origin)
}

/**
 * A TOML 1.0 text as a raw tree; undefined when it sets nothing. What TOML 1.0 forbids and the
 * parser lets through is refused after it (see toml-strict.ts). Locations are best effort (see
 * toml-locate.ts): the line and column of the key or table header that introduces a value.
 */
export function tomlToRaw(text: string, source: string, loadParser: () => TomlParser = loadToml): RawMap | undefined {
  refuseDeepBrackets(text, source)
  // Outside the try: a parser that cannot be loaded is a broken installation, not a broken file.
  const parser = loadParser()
  let data: Record<string, unknown>
  try {
    data = parser.parse(text) as Record<string, unknown>
  } catch (error) {
    throw tomlSyntaxError(error, text, source)
  }
  refuseWhatTomlForbids(text, source)
  if (Object.keys(data).length === 0) return undefined
  return toRaw(data, [], 0, locateTomlKeys(text), source) as RawMap
}
