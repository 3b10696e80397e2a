import { extname } from 'node:path'

/**
 * The paths a search tried, one line per place: `/etc/baqup/baqup.toml`, `.yaml`, `.yml` become
 * `/etc/baqup/baqup.{toml,yaml,yml}`.
 */
export function searchedPlaces(paths: readonly string[]): string[] {
  const places = new Map<string, string[]>()
  for (const path of paths) {
    const extension = extname(path)
    const base = path.slice(0, path.length - extension.length)
    const extensions = places.get(base) ?? []
    extensions.push(extension.slice(1))
    places.set(base, extensions)
  }
  return [...places].map(([base, extensions]) =>
    extensions.length === 1 ? `${base}.${extensions[0]}` : `${base}.{${extensions.join(',')}}`,
  )
}
