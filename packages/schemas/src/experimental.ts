import { z } from 'zod'
import { group, named, section, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/** experimental */
export const experimental = exported(
  group({
    plugins: exported(
      named(
        group({
          moduleName: exported(z.string(), 'TODO'),
          version: exported(z.string(), 'TODO'),
          hash: exported(z.string(), 'TODO'),
          settings: masked(
            withParent(
              group({
                envs: masked(z.array(z.string()), 'TODO'),
                mounts: masked(z.array(z.string()), 'TODO'),
                useUnsafe: masked(z.boolean().default(false), 'TODO'),
              }),
            ),
            'TODO',
          ),
        }),
      ),
      'TODO',
    ),
    localPlugins: exported(
      named(
        group({
          moduleName: exported(z.string(), 'TODO'),
          settings: masked(
            withParent(
              group({
                envs: masked(z.array(z.string()), 'TODO'),
                mounts: masked(z.array(z.string()), 'TODO'),
                useUnsafe: masked(z.boolean().default(false), 'TODO'),
              }),
            ),
            'TODO',
          ),
        }),
      ),
      'TODO',
    ),
    abortOnPluginFailure: exported(z.boolean().default(false), 'TODO'),
    fastProxy: exported(
      section({
        debug: exported(z.boolean().default(false), 'TODO'),
      }),
      'TODO',
    ),
    otlplogs: exported(z.boolean().default(false), 'TODO'),
    knative: exported(z.boolean().default(false), 'TODO'),
    kubernetesIngressNGINX: exported(z.boolean().default(false), 'TODO'),
    kubernetesGateway: exported(z.boolean().default(false), 'TODO'),
  }),
  'TODO',
)
