import { envVarName } from '../config/env.js'
import { BAQUP_PRODUCT, type TelemetryProduct } from './defaults.js'
import { displayURL } from './endpoint.js'

export interface StartupLineOptions {
  /** The configured switches (before DO_NOT_TRACK). */
  checkNewVersion: boolean
  sendAnonymousUsage: boolean
  doNotTrack: boolean
  docsURL?: string
  updateURL?: string
  collectorURL?: string
  product?: Partial<TelemetryProduct>
  /** Why a switched-on mechanism's endpoint is refused: it then runs not at all, and its line says so. */
  refused?: Partial<Record<'checkNewVersion' | 'sendAnonymousUsage', string>>
}

interface Mechanism {
  title: string
  path: string
  on: boolean
  whenOn: string
  whenOff: string
  refused?: string
}

function howToSet(product: TelemetryProduct, path: string, value: boolean): string {
  const env = envVarName(product.envPrefix, path)
  return `set ${path} to ${value} (--${path}=${value} or ${env}=${value})`
}

function line(mechanism: Mechanism, product: TelemetryProduct, doNotTrack: boolean, docs: string): string {
  const { title, path, on } = mechanism
  if (doNotTrack) {
    return (
      `${title} disabled by DO_NOT_TRACK: the environment variable DO_NOT_TRACK is set, which switches off both ` +
      `the version check and anonymous usage statistics whatever the configuration says (configured: ${path}=${on}); ` +
      `nothing is sent. Unset DO_NOT_TRACK to let the configuration decide. Documentation: ${docs}`
    )
  }
  if (on && mechanism.refused) {
    return (
      `${title} disabled: it is switched on, but its address is refused (${mechanism.refused}); nothing is sent. ` +
      `Give it an https: address, or ${howToSet(product, path, false)}. Documentation: ${docs}`
    )
  }
  const change = on
    ? `To turn it off, ${howToSet(product, path, false)}`
    : `To turn it on, ${howToSet(product, path, true)}`
  return `${title} ${on ? 'enabled' : 'disabled'}: ${on ? mechanism.whenOn : mechanism.whenOff} ${change}. Documentation: ${docs}`
}

/**
 * The startup log: one line per mechanism stating plainly whether it is on, what it shares, how to
 * change it and where the documentation is.
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
  return [line(versionCheck, product, options.doNotTrack, docs), line(usage, product, options.doNotTrack, docs)]
}
