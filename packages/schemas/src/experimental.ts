import * as z from 'zod'
import { group, named, section, withParent } from './kinds.js'
import { exported, masked } from './meta.js'
import { moduleVersion, namedAs } from './shapes.js'

/** The sandbox of a WebAssembly plugin: walked into (as Traefik does), every value in it masked. */
function pluginSettings() {
  return exported(
    withParent(
      group({
        envs: masked(z.array(z.string()), 'Environment variables passed to the plugin.'),
        mounts: masked(z.array(z.string()), 'Host directories mounted into the plugin sandbox.'),
        useUnsafe: masked(z.boolean().default(false), 'Let the plugin use Go’s unsafe package.'),
      }),
    ),
    'Sandbox settings of the plugin (WebAssembly plugins only).',
  )
}

function enables(feature: string) {
  return exported(z.boolean().default(false), `Enable the ${feature}.`)
}

/** Features whose configuration may still change. */
export const experimental = exported(
  group({
    plugins: exported(
      namedAs(
        'plugin',
        group({
          moduleName: masked(z.string(), 'Module name of the plugin in the plugin catalog.'),
          version: exported(moduleVersion(), 'Version of the plugin to download.'),
          hash: masked(z.string(), 'Expected hash of the plugin archive, checked after download.'),
          settings: pluginSettings(),
        }),
      ),
      'Plugins downloaded from the plugin catalog, by name.',
    ),
    localPlugins: exported(
      namedAs(
        'plugin',
        group({
          moduleName: masked(z.string(), 'Module name of the plugin, found under ./plugins-local/src.'),
          settings: pluginSettings(),
        }),
      ),
      'Plugins loaded from local source code, by name.',
    ),
    abortOnPluginFailure: exported(
      z.boolean().default(false),
      'Refuse to start when a plugin fails to load, instead of skipping it.',
    ),
    fastProxy: exported(
      section({
        debug: exported(z.boolean().default(false), 'Log debugging details of the fast proxy.'),
      }),
      'Use the faster experimental proxy implementation for HTTP/1.1 backends.',
    ),
    otlplogs: exported(
      z.boolean().default(false),
      'Enable sending the log and access logs over OTLP (log.otlp, accessLog.otlp).',
    ),
    knative: enables('Knative provider (providers.knative)'),
    kubernetesIngressNGINX: enables('Kubernetes Ingress NGINX provider (providers.kubernetesIngressNGINX)'),
    kubernetesGateway: exported(
      z.boolean().default(false),
      'Deprecated: the Kubernetes Gateway provider no longer needs this switch.',
    ),
  }),
  'Features that are not stable yet; their options may change.',
)
