import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { EXPORT_MARKER } from '../src/meta.js'
import { otlpResource, otlpTransports } from '../src/otlp.js'

interface JsonField {
  description?: string
  help?: string
  properties?: Record<string, JsonField>
}

function jsonOf(shape: z.ZodRawShape): JsonField {
  return z.toJSONSchema(z.strictObject(shape), { io: 'input', unrepresentable: 'any' }) as JsonField
}

describe('otlpTransports', () => {
  const transports = z.strictObject(otlpTransports('metrics'))

  it('creates the HTTP transport with its parent and leaves gRPC off', () => {
    expect(transports.parse({})).toEqual({ http: { endpoint: 'https://localhost:4318' } })
  })

  it('switches gRPC on empty, with its defaults', () => {
    expect(transports.parse({ grpc: true }).grpc).toEqual({ endpoint: 'localhost:4317', insecure: false })
    expect(transports.parse({ grpc: null }).grpc).toEqual({ endpoint: 'localhost:4317', insecure: false })
  })

  it('switches the default HTTP transport off with false', () => {
    expect(transports.parse({ http: false }).http).toBeUndefined()
  })

  it('gives the client TLS block its default', () => {
    expect(transports.parse({ grpc: { tls: {} } }).grpc?.tls).toEqual({ insecureSkipVerify: false })
  })

  it('rejects keys that are not options', () => {
    expect(transports.safeParse({ grpc: { endpiont: 'collector:4317' } }).success).toBe(false)
  })

  it('masks endpoints, certificates and headers, and exports the switches', () => {
    const grpc = jsonOf(otlpTransports('traces')).properties?.grpc
    const exportedKeys = (field: JsonField | undefined) =>
      Object.entries(field?.properties ?? {})
        .filter(([, child]) => child.description === EXPORT_MARKER)
        .map(([key]) => key)
    expect(grpc?.description).toBe(EXPORT_MARKER)
    expect(exportedKeys(grpc)).toEqual(['insecure', 'tls'])
    expect(exportedKeys(grpc?.properties?.tls)).toEqual(['insecureSkipVerify'])
  })

  it('names the exported signal in its help texts', () => {
    const json = jsonOf(otlpTransports('access logs'))
    expect(json.properties?.grpc?.help).toBe('Send access logs with OTLP over gRPC instead of HTTP.')
    expect(json.properties?.http?.properties?.tls?.help).toContain('access logs')
  })
})

describe('otlpResource', () => {
  it('defaults the service name to baqup and masks both options', () => {
    const resource = z.strictObject(otlpResource('logs'))
    expect(resource.parse({})).toEqual({ serviceName: 'baqup' })
    const json = jsonOf(otlpResource('logs'))
    expect(json.properties?.serviceName?.description).toBeUndefined()
    expect(json.properties?.resourceAttributes?.description).toBeUndefined()
  })
})
