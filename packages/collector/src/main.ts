import { readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { allReleasesSchema } from '@baqup/schemas'
import { cac } from 'cac'
import { ENV_ONLY, loadCollectorConfig, UsageError } from './config/load.js'
import { type CollectorConfig, collectorConfigSchema, geoOn, parseHostPort } from './config/schema.js'
import { isDay } from './day.js'
import { exportDaily, formatExport } from './export.js'
import { GeoDataError } from './geo/errors.js'
import { type Geo, openGeo } from './geo/open.js'
import { formatOrganizations, organizations } from './organizations.js'
import { startRetention } from './retention.js'
import { releasesPath, seedCommand } from './seed/command.js'
import { createCollector } from './server/app.js'
import { burstLog, clickhouseLogger } from './server/burst-log.js'
import { createLogger } from './server/log.js'
import type { Metrics } from './server/metrics.js'
import { metricsServer } from './server/metrics-server.js'
import type { ClickHouseOptions } from './store/clickhouse.js'
import { describeStore, openStore } from './store/open.js'
import type { Store } from './store/store.js'

const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** This package's version, for `--version` (`dist/main.js` and `src/main.ts` both sit one level under it). */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version

type Flags = Record<string, unknown>

/**
 * The log (JSON lines on stderr, from `--log-level` up) and what shares it: store failures, the
 * ClickHouse client's own included, one line when they start and one when they end; the client's
 * options (its logger, the password from the environment).
 */
function logging(config: CollectorConfig) {
  const logger = createLogger({ level: config.logLevel })
  const storeFailures = burstLog(logger, 'store-failing')
  const clickhouse: ClickHouseOptions = {
    LoggerClass: clickhouseLogger(storeFailures),
    password: process.env[ENV_ONLY.clickhousePassword],
  }
  return { logger, storeFailures, clickhouse }
}

const SETTINGS = new Set(Object.keys(collectorConfigSchema.shape))

/** The settings among a command's flags (cac camel-cases them), read with the environment and the file. */
const configOf = (flags: Flags): CollectorConfig => {
  const settings = Object.fromEntries(Object.entries(flags).filter(([key]) => SETTINGS.has(key)))
  return loadCollectorConfig({ flags: settings, env: process.env, file: flags.config as string | undefined })
}

async function withStore<T>(flags: Flags, use: (store: Store) => Promise<T>): Promise<T> {
  const config = configOf(flags)
  const store = await openStore(config.store, undefined, logging(config).clickhouse)
  try {
    return await use(store)
  } finally {
    await store.close()
  }
}

/** `http://HOST:PORT` of a listening server (port 0: the one chosen). */
function urlOf(server: Server): string {
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}

async function listenMetrics(metrics: Metrics, listen: string): Promise<Server> {
  const server = metricsServer(metrics)
  const { host, port } = parseHostPort(listen)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  server.unref()
  process.stdout.write(`metrics on ${urlOf(server)}/metrics\n`)
  return server
}

/** The address databases `--geo-country` and `--geo-asn` name, or the shipped ones; unusable: exit 2. */
async function geoOf(config: CollectorConfig): Promise<Geo> {
  try {
    return await openGeo({ countryFile: config.geoCountry, asnFiles: config.geoAsn })
  } catch (error) {
    if (error instanceof GeoDataError) throw new UsageError(`--geo: ${error.message}`)
    throw error
  }
}

async function serve(flags: Flags): Promise<number> {
  const config = configOf(flags)
  const { logger, storeFailures, clickhouse } = logging(config)
  // Before the store: nothing is opened, and no request answered, without the lookups it needs.
  const geo = geoOn(config) ? await geoOf(config) : undefined
  const store = await openStore(config.store, undefined, clickhouse)
  const collector = createCollector({ config, store, logger, storeFailures, locate: geo?.lookup })
  const retention = startRetention(store, {
    retention: config.retention,
    ipRetention: config.ipRetention,
    log: logger,
  })
  const { host, port } = parseHostPort(config.listen)
  // The address is on stdout (what scripts read); the log says that the server listens.
  await collector.app.listen({ host, port, backlog: 2048, listenTextResolver: () => 'listening' })
  process.stdout.write(`listening on ${urlOf(collector.app.server)} (store: ${describeStore(config.store)})\n`)
  const metrics = config.metricsListen ? await listenMetrics(collector.metrics, config.metricsListen) : undefined
  const warming = collector.warmStatistics()
  return new Promise((resolve) => {
    let closing = false
    const stop = async (signal: string) => {
      if (closing) return
      closing = true
      logger.info({ event: 'closing', signal })
      retention.stop()
      metrics?.close()
      await warming
      await collector.close()
      await retention.first
      await store.close()
      resolve(EXIT.ok)
    }
    process.once('SIGINT', () => void stop('SIGINT'))
    process.once('SIGTERM', () => void stop('SIGTERM'))
  })
}

function buildCLI(run: (work: Promise<number>) => void) {
  const cli = cac('baqup-collector')
  cli.option('--config <file>', 'a YAML or TOML file of settings (or $BAQUP_COLLECTOR_CONFIG)')
  cli.option(
    '--store <location>',
    'FILE.duckdb (default ./collector.duckdb), clickhouse://[USER[:PASSWORD]@]HOST:8123/DB or clickhouses://… (TLS)',
  )
  cli.option(
    '--log-level <level>',
    'trace | debug | info (default: a line per request) | warn | error | fatal | silent',
  )
  cli
    .command('serve', 'Serve the usage collector and the update server until SIGINT/SIGTERM')
    .option('--listen <host:port>', 'where to listen (default 127.0.0.1:8080; port 0: any free one)')
    .option('--releases <file>', 'a GitHub releases JSON file, reloaded when it changes')
    .option('--releases-upstream <url>', 'an upstream releases URL, cached 10 minutes')
    .option('--ip <mode>', 'none | network (the /24 or /48, default) | full')
    .option('--ip-retention <days>', 'days a full address is kept (default 30)')
    .option('--retention <days>', 'days raw rows are kept (default 400)')
    .option('--min-count <k>', 'distinct installations behind any published number (default 10)')
    .option('--min-networks <m>', 'distinct networks (/24, /48) those installations come from (default 3)')
    .option(
      '--max-installations-per-network <n>',
      'new installations counted per network and UTC day; beyond, 429 rate-limited (default 100)',
    )
    .option(
      '--geo <on|off>',
      'look up the country and autonomous system of each address (default: on; off with --ip=none)',
    )
    .option('--geo-country <file>', 'a country database (.mmdb) instead of the one shipped')
    .option('--geo-asn <files>', 'autonomous system databases (CSV), comma-separated, instead of the ones shipped')
    .option('--metrics-listen <host:port>', 'where /metrics listens, e.g. 127.0.0.1:9464 (default: nowhere)')
    .option('--trust-proxy <cidrs>', 'proxies whose X-Forwarded-For is read, comma-separated')
    .option('--batch-size <n>', 'most reports per group commit (default 500)')
    .option('--request-timeout <ms>', 'time a request may take, in milliseconds (default 10000)')
    .example('  baqup-collector serve --listen=0.0.0.0:8080 --releases=./releases.json')
    .example('  baqup-collector serve --store=clickhouse://127.0.0.1:8123/baqup --trust-proxy=10.0.0.0/8')
    .example('  BAQUP_COLLECTOR_STORE=/var/lib/baqup/collector.duckdb baqup-collector serve')
    .action((flags: Flags) => run(serve(flags)))
  cli
    .command('stats', 'Print the counts of a store')
    .option('--json', 'one JSON object: {"reports","installations","versionChecks","refused"}')
    .example('  baqup-collector stats --store=./collector.duckdb --json')
    .action((flags: Flags) =>
      run(
        withStore(flags, async (store) => {
          const stats = await store.stats()
          const text = flags.json
            ? JSON.stringify(stats)
            : [
                `reports (once per installation and day): ${stats.reports}`,
                `installations: ${stats.installations}`,
                `version checks: ${stats.versionChecks}`,
                ...Object.entries(stats.refused).map(([code, n]) => `refused ${code}: ${n}`),
              ].join('\n')
          process.stdout.write(`${text}\n`)
          return EXIT.ok
        }),
      ),
    )
  cli
    .command(
      'organizations',
      'List the autonomous systems (organizations) that checked or reported: for the maintainers, never published',
    )
    .option('--days <d>', 'the D days ending today (UTC)', { default: 30 })
    .option('--min-checks <n>', 'leave out organizations with fewer version checks', { default: 0 })
    .option('--without-providers', 'leave out access providers (ISPs, mobile carriers) and hosting providers')
    .option('--json', 'one JSON object: {"from","to","organizations":[…]}')
    .option('--csv', 'CSV, one organization per line')
    .option('--geo-asn <files>', 'the autonomous system databases (CSV) that name them, instead of the ones shipped')
    .example('  baqup-collector organizations --store=./collector.duckdb --days=30 --min-checks=10 --csv')
    .action(({ days, minChecks, withoutProviders, json, csv, ...flags }: Flags) => {
      const [d, n] = [Number(days), Number(minChecks)]
      if (!Number.isInteger(d) || d < 1) throw new UsageError('--days: a whole number of days, at least 1')
      if (!Number.isInteger(n) || n < 0) throw new UsageError('--min-checks: a whole number')
      if (json && csv) throw new UsageError('--json and --csv: one or the other')
      const to = new Date().toISOString().slice(0, 10)
      const from = new Date(Date.parse(to) - (d - 1) * 86_400_000).toISOString().slice(0, 10)
      run(
        (async () => {
          const geo = await geoOf(configOf(flags))
          return withStore(flags, async (store) => {
            const rows = await organizations(store, {
              from,
              to,
              minChecks: n,
              withoutProviders: Boolean(withoutProviders),
              describe: (asn) => geo.organization(asn),
            })
            process.stdout.write(formatOrganizations(rows, json ? 'json' : csv ? 'csv' : 'text', { from, to }))
            return EXIT.ok
          })
        })(),
      )
    })
  cli
    .command('seed', 'Fill a store with a generated population of reports')
    .option('--reports <n>', 'how many reports', { default: 1000 })
    .option('--days <d>', 'spread over the last D days', { default: 30 })
    .option('--seed <s>', 'the generator seed', { default: 1 })
    .option('--releases-out <file>', "the population's releases, for serve --releases (default: STORE.releases.json)")
    .example('  baqup-collector seed --store=./demo.duckdb --reports=10000 --days=30')
    .action(({ reports, days, seed, releasesOut, ...flags }: Flags) =>
      run(
        withStore(flags, async (store) => {
          const counts = [reports, days, seed].map(Number)
          if (counts.some((n) => !Number.isInteger(n) || n < 0))
            throw new UsageError('--reports, --days, --seed: whole numbers')
          const [n = 0, d = 1, s = 1] = counts
          const location = configOf(flags).store
          const out = releasesPath(location, releasesOut)
          const text = await seedCommand(store, {
            reports: n,
            days: Math.max(1, d),
            seed: s,
            location,
            releasesOut: out,
          })
          process.stdout.write(text)
          return EXIT.ok
        }),
      ),
    )
  cli
    .command('export', "Print one day's published aggregates, as GET /data/daily/DAY.json or .csv serves them")
    .option('--day <YYYY-MM-DD>', 'the day (UTC)')
    .option('--format <format>', 'json | csv', { default: 'json' })
    .option('--min-count <k>', 'distinct installations behind any published number (default 10)')
    .option('--min-networks <m>', 'distinct networks (/24, /48) those installations come from (default 3)')
    .option('--raw', "the day's raw reports instead, once per installation: for the operator, never to publish")
    .example('  baqup-collector export --store=./collector.duckdb --day=2025-01-31 --format=csv')
    .action(({ day, format, raw, ...flags }: Flags) => {
      if (!isDay(day)) throw new UsageError('--day: expected YYYY-MM-DD')
      if (format !== 'json' && format !== 'csv') throw new UsageError('--format: expected json or csv')
      const config = configOf(flags)
      run(
        withStore(flags, async (store) => {
          if (raw) process.stdout.write(formatExport(await store.exportDay(day), format))
          else process.stdout.write(await exportDaily({ store, schema: allReleasesSchema(), config }, day, format))
          return EXIT.ok
        }),
      )
    })
  cli.help()
  cli.version(VERSION)
  return cli
}

function failure(error: unknown): number {
  if (error instanceof UsageError || (error instanceof Error && error.name === 'CACError')) {
    process.stderr.write(`baqup-collector: ${error.message}\n`)
    return EXIT.usage
  }
  process.stderr.write(`baqup-collector: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`)
  return EXIT.failed
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let work: Promise<number> | undefined
  const cli = buildCLI((started) => {
    work = started
  })
  try {
    cli.parse(['node', 'baqup-collector', ...argv], { run: false })
    if (cli.options.help || cli.options.version) return EXIT.ok
    if (!cli.matchedCommand) {
      cli.outputHelp()
      return argv.length === 0 ? EXIT.ok : EXIT.usage
    }
    await cli.runMatchedCommand()
    return await (work ?? Promise.resolve(EXIT.ok))
  } catch (error) {
    return failure(error)
  }
}
