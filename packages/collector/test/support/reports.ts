import { createHash } from 'node:crypto'
import { anonymize } from '@baqup/core'
import { staticConfigSchema } from '@baqup/schemas'
import { storedConfiguration } from '../../src/store/configurations.js'

/** Usage reports as `baqup-telemetry send` builds them. */

export const hashOf = (text: string) => createHash('sha256').update(text).digest('hex')

export function report(configuration: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  return {
    version: '3.1.0',
    codename: 'cheddar',
    buildDate: '2025-01-31',
    configuration: Buffer.from(JSON.stringify(configuration)).toString('base64'),
    hash: hashOf(JSON.stringify(configuration)),
    ...overrides,
  }
}

export const anonymized = (config: Record<string, unknown>) => anonymize(staticConfigSchema, config)

/** A configuration as a report hands it to the store. */
export const asStored = (config: Record<string, unknown>) => storedConfiguration(staticConfigSchema, config)

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const answer = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: answer.status, headers: answer.headers, body: (await answer.json()) as Record<string, any> }
}
