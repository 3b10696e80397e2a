import * as z from 'zod'
import { LOG_LEVELS } from '../server/log.js'

/** The collector's own configuration: one Zod schema, read from a file, `BAQUP_COLLECTOR_*` variables and flags. */

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5})$/

export const IP_MODES = ['none', 'network', 'full'] as const
export type IpMode = (typeof IP_MODES)[number]

/** A comma-separated list (a flag, a variable) or a list (a file). */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean)
        : value,
    z.array(item),
  )

/** A proxy `--trust-proxy` names: an address or a range, IPv4 or IPv6 (`10.0.0.0/33` is neither). */
const proxy = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: (issue) => `expected an IP address or CIDR range, found ${JSON.stringify(issue.input)}`,
})

export const collectorConfigSchema = z.strictObject({
  listen: z
    .string()
    .regex(HOST_PORT, 'expected HOST:PORT')
    .default('127.0.0.1:8080')
    .describe('HOST:PORT to listen on (port 0: any free one)'),
  store: z
    .string()
    .min(1)
    .default('./collector.duckdb')
    .describe('FILE.duckdb, clickhouse://[USER[:PASSWORD]@]HOST:PORT/DB or clickhouses://… (TLS)'),
  releases: z.string().min(1).optional().describe('a GitHub releases JSON file, served and reloaded when it changes'),
  releasesUpstream: z
    .url()
    .optional()
    .describe('an upstream releases URL, cached 10 minutes (a report of a version it lacks: 1 minute)'),
  ip: z
    .enum(IP_MODES)
    .default('network')
    .describe('what of the client address is kept: none, network (/24, /48) or full'),
  geo: z
    .enum(['on', 'off'])
    .optional()
    .describe(
      'look up the country and autonomous system of each address as it arrives (default: on, off with --ip=none)',
    ),
  geoCountry: z.string().min(1).optional().describe('a country database (.mmdb) instead of the one shipped'),
  geoAsn: list(z.string().min(1))
    .optional()
    .describe('autonomous system databases (CSV, IPv4 and IPv6) instead of the ones shipped'),
  ipRetention: z.coerce.number().int().positive().default(30).describe('days a full address is kept (with --ip=full)'),
  retention: z.coerce.number().int().positive().default(400).describe('days raw rows are kept'),
  minCount: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('distinct installations behind any published number'),
  minNetworks: z.coerce
    .number()
    .int()
    .min(0)
    .default(3)
    .describe('distinct networks (/24, /48) those installations come from; with --ip=none none are known'),
  maxInstallationsPerNetwork: z.coerce
    .number()
    .int()
    .positive()
    .default(100)
    .describe('new installations counted per network (/24, /48) and UTC day; beyond, 429 rate-limited'),
  metricsListen: z
    .string()
    .regex(HOST_PORT, 'expected HOST:PORT')
    .optional()
    .describe('HOST:PORT of the Prometheus /metrics listener (none by default; never the public port)'),
  trustProxy: list(proxy).default([]).describe('proxies (IP or CIDR) whose X-Forwarded-For is read'),
  batchSize: z.coerce.number().int().positive().default(500).describe('most reports committed together'),
  requestTimeout: z.coerce.number().int().positive().default(10_000).describe('milliseconds a request may take'),
  logLevel: z
    .enum(LOG_LEVELS)
    .default('info')
    .describe('the least level logged on stderr: trace, debug, info (each request), warn, error, fatal or silent'),
})

export type CollectorConfig = z.output<typeof collectorConfigSchema>

/** Whether addresses are looked up: `--geo` as given, else on unless nothing of the address is kept (`--ip=none`). */
export const geoOn = (config: Pick<CollectorConfig, 'geo' | 'ip'>) =>
  config.geo === undefined ? config.ip !== 'none' : config.geo === 'on'

export function parseHostPort(listen: string): { host: string; port: number } {
  const [, host = '', port = '0'] = HOST_PORT.exec(listen) ?? []
  return { host: host.replace(/^\[|\]$/g, ''), port: Number(port) }
}
