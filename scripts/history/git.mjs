// Read-only access to a Traefik repository (a clone or a bare mirror) at any tag, without a work tree.
// Files are read by blob id and cached, so reading many tags costs little more than reading one.
import { execFileSync } from 'node:child_process'

export function openRepository(dir) {
  const git = (...args) =>
    execFileSync('git', ['-C', dir, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  const blobs = new Map()
  const trees = new Map()
  const blob = (id) => {
    if (!blobs.has(id)) blobs.set(id, git('cat-file', 'blob', id))
    return blobs.get(id)
  }
  /** [{ name, id }] of the files directly in a folder at a ref ([] when it does not exist). */
  const list = (ref, folder) => {
    if (!trees.has(ref)) {
      const tree = new Map()
      for (const line of git('ls-tree', '-r', ref).split('\n')) {
        const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/.exec(line)
        if (!match) continue
        const slash = match[2].lastIndexOf('/')
        const parent = slash < 0 ? '' : match[2].slice(0, slash)
        if (!tree.has(parent)) tree.set(parent, [])
        tree.get(parent).push({ id: match[1], name: match[2].slice(slash + 1) })
      }
      trees.set(ref, tree)
    }
    return trees.get(ref).get(folder) ?? []
  }
  return {
    dir,
    /** The tags of the repository. */
    tags: () => git('tag', '--list').split('\n').filter(Boolean),
    /** The commit a ref points to. */
    commit: (ref) => git('rev-parse', `${ref}^{commit}`).trim(),
    /** `git describe --tags` of a ref (`v3.7.9-28-gfd5a576df2`). */
    describe: (ref) => git('describe', '--tags', ref).trim(),
    /** Whether a ref names a commit in this repository. */
    has: (ref) => {
      try {
        git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`)
        return true
      } catch {
        return false
      }
    },
    list,
    blob,
    /** A file's text at a ref, or null when it does not exist there. */
    read: (ref, path) => {
      const slash = path.lastIndexOf('/')
      const file = list(ref, slash < 0 ? '' : path.slice(0, slash)).find(({ name }) => name === path.slice(slash + 1))
      return file ? blob(file.id) : null
    },
  }
}
