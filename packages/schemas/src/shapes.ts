import * as z from 'zod'
import { named } from './kinds.js'
import { type StringShape, withMeta } from './meta.js'

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

/** A listening address, `[host]:port[/tcp|/udp]`: only a wildcard host is sent as written. */
export const listenAddress = () => shaped({ type: 'address' })

/** A free-form name (a provider code, a profile). */
export const freeName = () => shaped({ type: 'name' })

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

/** A name from the dynamic configuration, optionally qualified by its provider (`auth@file`). */
export const dynamicName = () => shaped({ type: 'qualified-name', qualifiers: PROVIDERS })

/** A module version, `v1.2.3`. */
export const moduleVersion = () => shaped({ type: 'version' })

/** An HTTP status code or range, `404` or `500-599`. */
export const statusCode = () => shaped({ type: 'status-code' })

/** Named entries whose names, when they do not read as names, are sent as `placeholder-1`, `placeholder-2`… */
export const namedAs = <T extends z.ZodType>(placeholder: string, value: T) => withMeta(named(value), { placeholder })
