import { envVarName } from '../config/env.js'
import type { LoadedConfig } from '../config/load.js'

/** Where the configuration came from and how each switch was decided (see `loadConfig`). */
export type SwitchOrigins = Pick<LoadedConfig, 'source' | 'switches'>

export interface SwitchAdviceOptions {
  /** `global.sendAnonymousUsage` */
  path: string
  /** The state to reach. */
  to: boolean
  envPrefix: string
  /** Without it, any source is assumed to be read. */
  origins?: SwitchOrigins | undefined
}

const anySource = (path: string, value: boolean, env: string) =>
  `set ${path} to ${value} (--${path}=${value} or ${env}=${value})`

/** Where a value is read from: the winning source only (an opt-out aside). */
function inWinner(path: string, env: string, source: SwitchOrigins['source']): string {
  if (source.kind === 'file') return `set ${path} to true in ${source.path}`
  if (source.kind === 'flags') return `set --${path}=true`
  if (source.kind === 'env') return `set ${env}=true`
  return anySource(path, true, env)
}

/**
 * How to switch a telemetry switch, naming only sources that would be read: a false in any
 * source switches it off, but switching it on takes the winning source, and every opt-out gone.
 */
export function switchAdvice({ path, to, envPrefix, origins }: SwitchAdviceOptions): string {
  const env = envVarName(envPrefix, path)
  if (!to) {
    const file = origins?.source.kind === 'file' ? origins.source.path : undefined
    if (file === undefined) return anySource(path, false, env)
    return `set ${path} to false in ${file}, or --${path}=false or ${env}=false (a false in any source switches it off)`
  }
  if (!origins) return anySource(path, true, env)
  const decision = origins.switches[path]
  const settings = decision?.settings ?? []
  const steps: string[] = []
  const winner = settings.find((setting) => setting.winner)
  if (winner ? winner.value !== true : !decision?.byDefault) steps.push(inWinner(path, env, origins.source))
  const optOuts = settings.filter((setting) => !setting.winner && setting.value !== true)
  for (const setting of optOuts) steps.push(setting.kind === 'env' ? `unset ${setting.name}` : `remove ${setting.name}`)
  const why = optOuts.length > 0 ? ' (a false in any source switches it off)' : ''
  return `${steps.join(', and ')}${why}`
}
