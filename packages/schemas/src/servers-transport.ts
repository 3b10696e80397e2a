import * as z from 'zod'
import { duration } from './duration.js'
import { fileOrContent, group, section, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/** How backend certificates are trusted, for HTTPS (`'HTTPS'`) or TLS over TCP (`'TLS'`) backends. */
function backendTrust(protocol: string) {
  return {
    insecureSkipVerify: exported(
      z.boolean().default(false),
      `Accept any certificate from ${protocol} backends, without verification (unsafe).`,
    ),
    rootCAs: masked(
      z.array(fileOrContent()),
      `Extra certificate authorities trusted for ${protocol} backends (file paths or PEM content).`,
    ),
  }
}

/** Backend authentication by SPIFFE identity, obtained from the workload API (`spiffe.workloadAPIAddr`). */
function spiffeBackends(protocol: string) {
  return exported(
    section({
      ids: masked(z.array(z.string()), 'SPIFFE IDs accepted from backends; takes precedence over trustDomain.'),
      trustDomain: masked(z.string(), 'SPIFFE trust domain that backend identities must belong to.'),
    }),
    `Verify ${protocol} backends by their SPIFFE identity, with certificates from the workload API.`,
  )
}

/** Defaults of the HTTP connections Baqup opens to backends. */
export const serversTransport = exported(
  withParent(
    group({
      ...backendTrust('HTTPS'),
      maxIdleConnsPerHost: exported(
        z.int().default(200),
        'Idle keep-alive connections kept per backend host (count; negative disables reuse).',
      ),
      forwardingTimeouts: exported(
        withParent(
          group({
            dialTimeout: exported(
              duration().default('30s'),
              'Time allowed to connect to a backend; 0s means no limit.',
            ),
            responseHeaderTimeout: exported(
              duration().default('0s'),
              'Time allowed for response headers once the request is sent; 0s means no limit.',
            ),
            idleConnTimeout: exported(
              duration().default('1m30s'),
              'Time an idle keep-alive connection to a backend stays open.',
            ),
          }),
        ),
        'Timeouts of the requests Baqup forwards to HTTP backends.',
      ),
      spiffe: spiffeBackends('HTTPS'),
    }),
  ),
  'Default settings of the HTTP connections from Baqup to backend servers.',
)

/** Defaults of the TCP connections Baqup opens to backends. */
export const tcpServersTransport = exported(
  withParent(
    group({
      dialKeepAlive: exported(
        duration().default('15s'),
        'Interval between TCP keep-alive probes to backends; a negative value disables them.',
      ),
      dialTimeout: exported(duration().default('30s'), 'Time allowed to connect to a TCP backend; 0s means no limit.'),
      terminationDelay: exported(
        duration().default('0s'),
        'Time to wait before closing a connection once one side has stopped writing.',
      ),
      tls: exported(
        section({
          ...backendTrust('TLS'),
          spiffe: spiffeBackends('TLS'),
        }),
        'Default TLS settings used when Baqup connects to TCP backends over TLS.',
      ),
    }),
  ),
  'Default settings of the TCP connections from Baqup to backend servers.',
)
