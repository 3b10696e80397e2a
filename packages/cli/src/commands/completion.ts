import type { CAC } from 'cac'
import { bashScript } from '../completion/bash.js'
import { fishScript } from '../completion/fish.js'
import { type CompletionSpec, completionSpec, SHELLS, type Shell } from '../completion/spec.js'
import { zshScript } from '../completion/zsh.js'
import { optionList } from '../option-list.js'
import { UsageError } from '../print.js'

const RENDERERS: Readonly<Record<Shell, (spec: CompletionSpec) => string>> = {
  bash: bashScript,
  zsh: zshScript,
  fish: fishScript,
}

const isShell = (name: unknown): name is Shell => SHELLS.includes(name as Shell)

/** Prints the completion script of `shell`, built from the CLI's own definition and the schema. */
export async function completion(shell: unknown, cli: CAC, configuredCommands: ReadonlySet<string>): Promise<void> {
  if (!isShell(shell)) {
    const found = shell === undefined ? 'no shell given' : `found "${String(shell)}"`
    throw new UsageError(`completion needs a shell: ${SHELLS.join(', ')} (${found})`)
  }
  process.stdout.write(RENDERERS[shell](completionSpec(cli, configuredCommands, await optionList())))
}
