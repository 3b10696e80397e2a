import { open, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * One process at a time in a folder: `DIR/lock` holds the process id of its holder. A lock whose
 * process is gone (killed, or this process after a restart under the same id, as PID 1 in a
 * container) is taken over.
 */

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Takes the folder's lock, or throws naming the process that holds it; resolves to its release. */
export async function lockFolder(dir: string, inUse: (pid: number) => Error): Promise<() => Promise<void>> {
  const path = join(dir, 'lock')
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600)
      try {
        await handle.writeFile(String(process.pid))
      } finally {
        await handle.close()
      }
      return () => rm(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(await readFile(path, 'utf8').catch(() => ''))
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) throw inUse(holder)
      await rm(path, { force: true })
    }
  }
}
