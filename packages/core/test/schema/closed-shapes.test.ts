import { COMMON_NAMES, staticConfigSchema } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import { ITEM_SEGMENT, NAME_SEGMENT } from '../../src/schema/options.js'
import { type SchemaNode, walk } from '../../src/schema/walk.js'

/**
 * Every string the Baqup schema lets leave the machine, with the closed set it belongs to. An
 * exported string option without one fails here: give it a shape, or stop exporting it (and add it
 * to the departures table of the schemas README).
 */

const STRING_KINDS = new Set(['string', 'string[]', 'file-or-content', 'file-or-content[]', 'map<string,string>'])

/** The closed set of an exported string, in a few words; undefined when it has none. */
function closedShape(node: SchemaNode): string | undefined {
  if (node.values) return 'enumeration'
  switch (node.shape?.type) {
    case undefined:
      return undefined
    case 'reference':
      return `reference to ${node.shape.to}`
    case 'qualified-name':
      return node.shape.names === COMMON_NAMES ? 'dictionary name @ provider' : 'name @ provider'
    case 'one-of':
      return `one of ${node.shape.values.join(', ')}`
    default:
      return node.shape.type
  }
}

/** The names a map sends: its dictionary, or none (placeholders only). */
function namesOf(node: SchemaNode): string {
  const placeholder = node.placeholder ?? 'name'
  if (node.names === COMMON_NAMES) return `common names, else ${placeholder}-N`
  return node.names ? `its own dictionary, else ${placeholder}-N` : `${placeholder}-N only`
}

function* exportedStrings(node: SchemaNode, path: string, exported: boolean): Generator<[string, string | undefined]> {
  if (!exported) return
  if (node.kind === 'map' || node.kind === 'map<string,string>') yield [`${path} (names)`, namesOf(node)]
  if (STRING_KINDS.has(node.kind)) yield [path, closedShape(node)]
  for (const [key, child] of node.children ?? []) {
    yield* exportedStrings(child, path ? `${path}.${key}` : key, child.export)
  }
  if (node.item)
    yield* exportedStrings(node.item, `${path}${node.kind === 'map' ? `.${NAME_SEGMENT}` : ITEM_SEGMENT}`, true)
}

const listed = [...exportedStrings(walk(staticConfigSchema), '', true)]

describe('exported strings of the Baqup schema', () => {
  it('each has a closed shape', () => {
    expect(listed.filter(([, shape]) => shape === undefined).map(([path]) => path)).toEqual([])
  })

  it('are exactly these, with these closed sets', () => {
    expect(Object.fromEntries(listed)).toEqual({
      'accessLog.fields.defaultMode': 'enumeration',
      'accessLog.fields.headers.defaultMode': 'enumeration',
      'accessLog.fields.names (names)': 'its own dictionary, else field-N',
      'accessLog.fields.names': 'enumeration',
      'accessLog.fields.queryParameters.defaultMode': 'enumeration',
      'accessLog.filters.statusCodes': 'status-code',
      'accessLog.format': 'enumeration',
      'certificatesResolvers (names)': 'common names, else resolver-N',
      'certificatesResolvers.<name>.acme.dnsChallenge.provider': 'enumeration',
      'certificatesResolvers.<name>.acme.httpChallenge.entryPoint': 'reference to entryPoints',
      'certificatesResolvers.<name>.acme.keyType': 'enumeration',
      'certificatesResolvers.<name>.acme.preferredChain': 'one of ISRG Root X1, ISRG Root X2',
      'certificatesResolvers.<name>.acme.profile': 'one of classic, shortlived, tlsserver',
      'entryPoints (names)': 'common names, else entry-N',
      'entryPoints.<name>.address': 'address',
      'entryPoints.<name>.http.middlewares': 'dictionary name @ provider',
      'entryPoints.<name>.http.redirections.entryPoint.scheme': 'one of http, https',
      'entryPoints.<name>.http.redirections.entryPoint.to': 'reference to entryPoints',
      'entryPoints.<name>.http.tls.certResolver': 'reference to certificatesResolvers',
      'entryPoints.<name>.http.tls.options': 'dictionary name @ provider',
      'entryPoints.<name>.http.underscoreHeadersStrategy': 'enumeration',
      'entryPoints.<name>.observability.traceVerbosity': 'enumeration',
      'experimental.localPlugins (names)': 'common names, else plugin-N',
      'experimental.plugins (names)': 'common names, else plugin-N',
      'experimental.plugins.<name>.version': 'version',
      'log.format': 'enumeration',
      'log.level': 'enumeration',
      'metrics.prometheus.entryPoint': 'reference to entryPoints',
      'ping.entryPoint': 'reference to entryPoints',
      'providers.consulCatalog.strictChecks': 'enumeration',
      'providers.knative.privateEntrypoints': 'reference to entryPoints',
      'providers.knative.publicEntrypoints': 'reference to entryPoints',
      'providers.kubernetesIngressNGINX.customHTTPErrors': 'status-code',
      'providers.kubernetesIngressNGINX.httpEntryPoint': 'reference to entryPoints',
      'providers.kubernetesIngressNGINX.httpsEntryPoint': 'reference to entryPoints',
      'providers.precedence': 'enumeration',
    })
  })
})
