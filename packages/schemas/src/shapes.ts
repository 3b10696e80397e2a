import * as z from 'zod'
import { named } from './kinds.js'
import { type StringShape, withMeta } from './meta.js'
import { COMMON_NAMES } from './names.js'

/**
 * Strings whose shape the anonymizer checks instead of guessing: what they may hold is fixed, so
 * a value that does not fit is not sent as written. Validation is unchanged (Baqup reads them as
 * plain strings).
 */

const shaped = (shape: StringShape) => withMeta(z.string(), { shape })

/** The name of an entry point defined in the same configuration (`baqup` is created when missing). */
export const entryPointName = (options: { orPort?: boolean } = {}) =>
  shaped({ type: 'reference', to: 'entryPoints', implicit: ['baqup'], ...options })

/** The name of a certificate resolver defined in the same configuration. */
export const certResolverName = () => shaped({ type: 'reference', to: 'certificatesResolvers' })

/**
 * A port alone (`443`), which Baqup refuses when it starts listening: the colon is missing. Other
 * forms stay as Baqup's loader reads them (the reference files hold placeholders such as `foobar`).
 */
const PORT_WITHOUT_COLON = /^\d+$/

/** A listening address, `[host]:port[/tcp|/udp]`: only a wildcard host is sent as written. */
export const listenAddress = () =>
  withMeta(
    z.string().refine((value) => !PORT_WITHOUT_COLON.test(value), {
      abort: true,
      message: 'a port without its colon',
      params: { expected: 'a port with its colon, such as ":443" ([host]:port[/tcp|/udp])' },
    }),
    { shape: { type: 'address' } },
  )

/**
 * One of a closed set for the anonymizer only: validation reads any string, as Baqup does, but
 * only a listed value is sent (in the spelling listed); anything else is masked.
 */
export const sentOnlyAs = (values: readonly string[]) => shaped({ type: 'one-of', values })

/** Providers that qualify a name defined in the dynamic configuration (`auth@file`). */
const PROVIDERS = [
  'consul',
  'consulcatalog',
  'docker',
  'ecs',
  'etcd',
  'file',
  'http',
  'internal',
  'knative',
  'kubernetes',
  'kubernetescrd',
  'kubernetesgateway',
  'kubernetesingress',
  'kubernetesingressnginx',
  'nomad',
  'redis',
  'rest',
  'swarm',
  'zookeeper',
]

/**
 * A name from the dynamic configuration, optionally qualified by its provider (`auth@file`): sent
 * only when the name is in the dictionary of common names.
 */
export const dynamicName = () => shaped({ type: 'qualified-name', names: COMMON_NAMES, qualifiers: PROVIDERS })

/** A module version, strictly `v1.2.3` (digits only) to be sent. */
export const moduleVersion = () => shaped({ type: 'version' })

/** An HTTP status code or range, `404` or `500-599`. */
export const statusCode = () => shaped({ type: 'status-code' })

/**
 * Named entries whose names are sent as written when they are in `names` (the dictionary of common
 * names unless told), and as `placeholder-1`, `placeholder-2`… otherwise.
 */
export const namedAs = <T extends z.ZodType>(placeholder: string, value: T, names: readonly string[] = COMMON_NAMES) =>
  withMeta(named(value), { placeholder, names })
