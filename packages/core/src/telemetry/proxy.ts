import type { Dispatcher } from 'undici'

export type Environment = Readonly<Record<string, string | undefined>>

/**
 * A proxy variable from the given environment, in the usual precedence: lower case first (as curl
 * and undici read them), then upper case, then any other spelling. Empty means unset.
 */
export function proxyVariable(env: Environment, name: 'http_proxy' | 'https_proxy' | 'no_proxy'): string | undefined {
  const upper = name.toUpperCase()
  const other = Object.keys(env).find((key) => key.toLowerCase() === name && key !== name && key !== upper)
  for (const key of [name, upper, other]) {
    const value = key === undefined ? undefined : env[key]?.trim()
    if (value) return value
  }
  return undefined
}

type Undici = typeof import('undici')
/** The parts of undici a dispatcher is made of. */
export type UndiciAgents = Pick<Undici, 'Agent' | 'EnvHttpProxyAgent'>

/**
 * undici, loaded on the first request only: commands that send nothing never pay for it.
 * It is CommonJS, so its `default` is the whole module, natively as once bundled.
 */
export async function loadUndici(): Promise<Undici> {
  const module: unknown = await import('undici')
  return ((module as { default?: Undici }).default ?? module) as Undici
}

/** The value may hold proxy credentials: the message names the variables, never echoes them. */
export const INVALID_PROXY = 'the proxy setting (HTTPS_PROXY / HTTP_PROXY) is not a valid URL'

export type DispatcherChoice = { readonly dispatcher: Dispatcher } | { readonly problem: string }

/**
 * The dispatcher of the telemetry client alone: a proxy agent when the given environment names a
 * proxy, a direct agent otherwise. Every value is passed explicitly, so undici never falls back to
 * `process.env`, and nothing global (the global dispatcher, global fetch) is touched. Only a proxy
 * value undici refuses is a `problem`; any other failure is thrown as it is.
 */
export function createDispatcher(env: Environment, { Agent, EnvHttpProxyAgent }: UndiciAgents): DispatcherChoice {
  const httpProxy = proxyVariable(env, 'http_proxy')
  const httpsProxy = proxyVariable(env, 'https_proxy')
  if (!httpProxy && !httpsProxy) return { dispatcher: new Agent() }
  const settings = {
    httpProxy: httpProxy ?? '',
    // undici sends https through the http proxy when no https proxy is named, as curl does.
    httpsProxy: httpsProxy ?? '',
    noProxy: proxyVariable(env, 'no_proxy') ?? '',
  }
  try {
    return { dispatcher: new EnvHttpProxyAgent(settings) }
  } catch {
    return { problem: INVALID_PROXY }
  }
}
