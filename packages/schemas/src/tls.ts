import * as z from 'zod'
import { group } from './kinds.js'
import { exported, masked } from './meta.js'

/** The client TLS block shared by providers and exporters: certificates stay on the machine. */
export function clientTLS(peer: string) {
  return group({
    ca: masked(z.string(), `Certificate authority used to verify ${peer} (file path or PEM content).`),
    cert: masked(z.string(), `Client certificate presented to ${peer} (file path or PEM content).`),
    key: masked(z.string(), `Private key of the client certificate presented to ${peer}.`),
    insecureSkipVerify: exported(
      z.boolean().default(false),
      `Accept any certificate from ${peer}, without verification (unsafe).`,
    ),
  })
}
