// In-process figures of pnpm bench: loading and anonymize + hash, each against a JSON round trip
// of the same data, warm, median of repeated runs. Prints one JSON object on stdout.
import { readFileSync } from 'node:fs'
import { anonymize, configHash, parseConfigText } from '../../packages/core/dist/index.js'
import { staticConfigSchema as schema } from '../../packages/schemas/dist/index.js'

const root = new URL('../../', import.meta.url)
const KEY = 'bench-installation-key'

function median(fn, runs) {
  for (let i = 0; i < Math.min(runs, 5); i++) fn() // warm up
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

/** A configuration with `count` entry points, each with a few exported and masked options. */
function entryPoints(count) {
  const points = {}
  for (let i = 0; i < count; i++) {
    points[`ep${i}`] = {
      address: `:${1024 + (i % 60000)}`,
      forwardedHeaders: { insecure: false, trustedIPs: [`10.0.${i % 256}.1`, '192.168.0.0/16'] },
      transport: { respondingTimeouts: { readTimeout: '1m0s', idleTimeout: '3m0s' } },
      http: { middlewares: ['auth@file'], tls: { certResolver: 'le', domains: [{ main: `a${i}.example.com` }] } },
    }
  }
  return { entryPoints: points, log: { level: 'INFO', filePath: '/var/log/baqup.log' } }
}

function anonymizeAndHash(config, effective) {
  return () => {
    anonymize(schema, config)
    configHash(effective, KEY)
  }
}

const jsonRoundTrip = (value) => () => JSON.parse(JSON.stringify(value))

const yamlText = readFileSync(new URL('examples/baqup.full.yaml', root), 'utf8')
const full = parseConfigText(yamlText, 'yaml', schema, 'baqup.full.yaml')
const fullJSON = JSON.stringify(full)
const results = {
  load: {
    subject: median(() => parseConfigText(yamlText, 'yaml', schema, 'baqup.full.yaml'), 40),
    baseline: median(() => JSON.parse(fullJSON), 40),
  },
  anonymizeFull: {
    subject: median(anonymizeAndHash(full, schema.parse(full)), 40),
    baseline: median(jsonRoundTrip(full), 40),
  },
}
for (const count of [1_000, 10_000]) {
  const config = entryPoints(count)
  const effective = schema.parse(config)
  results[`anonymize${count}`] = {
    subject: median(anonymizeAndHash(config, effective), count > 1000 ? 7 : 15),
    baseline: median(jsonRoundTrip(config), count > 1000 ? 7 : 15),
  }
}
// What the results hold once garbage is collected (the input itself is not counted).
const big = entryPoints(10_000)
global.gc?.()
const before = process.memoryUsage().heapUsed
const kept = [anonymize(schema, big), configHash(schema.parse(big), KEY)]
global.gc?.()
results.memory = { heapMiB10000: (process.memoryUsage().heapUsed - before) / 2 ** 20, kept: kept.length }
process.stdout.write(JSON.stringify(results))
