import { BAQUP_PRODUCT, type TelemetryProduct } from './defaults.js'
import { displayURL } from './endpoint.js'
import { type SwitchOrigins, switchAdvice } from './switch-advice.js'
import { wrapWords } from './wrap.js'

export interface StartupLineOptions {
  /** The configured switches (before DO_NOT_TRACK), opt-outs of every source applied. */
  checkNewVersion: boolean
  sendAnonymousUsage: boolean
  doNotTrack: boolean
  docsURL?: string
  updateURL?: string
  collectorURL?: string
  product?: Partial<TelemetryProduct>
  /** Why a switched-on mechanism's endpoint is refused: it then runs not at all, and its line says so. */
  refused?: Partial<Record<'checkNewVersion' | 'sendAnonymousUsage', string>>
  /** Which source decided each switch: named in its line, and the only sources its advice names. */
  origins?: SwitchOrigins | undefined
}

interface Mechanism {
  title: string
  path: string
  on: boolean
  whenOn: string
  whenOff: string
  refused?: string
}

interface Context {
  product: TelemetryProduct
  doNotTrack: boolean
  docs: string
  origins: SwitchOrigins | undefined
}

/** Longest line of an entry: log reporters add their own prefix, and the whole should stay under ~120. */
const STARTUP_LINE_WIDTH = 100
const INDENT = '  '

/**
 * One log entry: the state on its first line, then each sentence on lines of its own, indented.
 * Joined with single spaces, its lines read as one sentence after another.
 */
function entry(head: string, sentences: readonly string[]): string {
  const [first = '', ...rest] = wrapWords(head, STARTUP_LINE_WIDTH)
  const body = [...rest, ...sentences.flatMap((sentence) => wrapWords(sentence, STARTUP_LINE_WIDTH - INDENT.length))]
  return [first, ...body.map((text) => `${INDENT}${text}`)].join('\n')
}

function line(mechanism: Mechanism, { product, doNotTrack, docs, origins }: Context): string {
  const { title, path, on } = mechanism
  const howToSet = (to: boolean) => switchAdvice({ path, to, envPrefix: product.envPrefix, origins })
  const documentation = `Documentation: ${docs}`
  if (doNotTrack) {
    return entry(`${title} disabled by DO_NOT_TRACK:`, [
      `the environment variable DO_NOT_TRACK is set, which switches off both the version check and anonymous ` +
        `usage statistics whatever the configuration says (configured: ${path}=${on}); nothing is sent.`,
      'Unset DO_NOT_TRACK to let the configuration decide.',
      documentation,
    ])
  }
  if (on && mechanism.refused) {
    return entry(`${title} disabled:`, [
      `it is switched on, but its address is refused (${mechanism.refused}); nothing is sent.`,
      `Give it an https: address, or ${howToSet(false)}.`,
      documentation,
    ])
  }
  const change = on ? `To turn it off, ${howToSet(false)}.` : `To turn it on, ${howToSet(true)}.`
  const decidedBy = origins?.switches[path]?.decidedBy
  const why = decidedBy && decidedBy !== 'default' ? ` (decided by: ${decidedBy})` : ''
  return entry(`${title} ${on ? 'enabled' : 'disabled'}${why}:`, [
    on ? mechanism.whenOn : mechanism.whenOff,
    change,
    documentation,
  ])
}

/**
 * The startup log: one entry per mechanism stating plainly, on its first line, whether it is on,
 * then what it shares, how to change it and where the documentation is, in lines of at most
 * `STARTUP_LINE_WIDTH` characters (a path or URL longer than that is never cut).
 */
export function startupLines(options: StartupLineOptions): [string, string] {
  const product = { ...BAQUP_PRODUCT, ...options.product }
  const docs = options.docsURL ?? product.docsURL
  const update = displayURL(options.updateURL ?? product.updateURL)
  const collector = displayURL(options.collectorURL ?? product.collectorURL)
  const versionCheck: Mechanism = {
    title: 'Version check is',
    path: product.options.checkNewVersion,
    on: options.checkNewVersion,
    refused: options.refused?.checkNewVersion,
    whenOn:
      `once a day ${product.name} asks ${update} whether a newer release exists, which shares the running ` +
      `version and, unavoidably, this host's public IP address.`,
    whenOff: `${product.name} does not look for new releases and sends nothing for it.`,
  }
  const usage: Mechanism = {
    title: 'Anonymous usage statistics are',
    path: product.options.sendAnonymousUsage,
    on: options.sendAnonymousUsage,
    refused: options.refused?.sendAnonymousUsage,
    whenOn:
      `once a day ${product.name} sends its version, a keyed hash of the static configuration and an ` +
      `anonymized copy of it to ${collector} (values not marked shareable are masked; routers, services and ` +
      `the rest of the dynamic configuration are never sent); \`${product.inspectCommand}\` shows exactly what.`,
    whenOff: `${product.name} sends no usage data (\`${product.inspectCommand}\` shows what it would send).`,
  }
  const context = { product, doNotTrack: options.doNotTrack, docs, origins: options.origins }
  return [line(versionCheck, context), line(usage, context)]
}
