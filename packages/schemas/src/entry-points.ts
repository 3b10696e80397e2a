import { z } from 'zod'
import { duration } from './duration.js'
import { group, named, section, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/**
 * Go's default redirection priority is MaxInt64 - 1 (2^63 - 2), beyond JavaScript's exact integers.
 * The schema keeps its meaning with the largest exact integer minus one: still above any priority
 * an operator realistically writes, still a plain number in every output format.
 */
export const MAX_PRIORITY = Number.MAX_SAFE_INTEGER - 1

/** entryPoints */
export const entryPoints = exported(
  named(
    group({
      address: exported(z.string(), 'TODO'),
      allowACMEByPass: masked(z.boolean().default(false), 'TODO'),
      reusePort: masked(z.boolean().default(false), 'TODO'),
      asDefault: masked(z.boolean().default(false), 'TODO'),
      transport: exported(
        withParent(
          group({
            lifeCycle: exported(
              withParent(
                group({
                  requestAcceptGraceTimeout: exported(duration().default('0s'), 'TODO'),
                  graceTimeOut: exported(duration().default('10s'), 'TODO'),
                }),
              ),
              'TODO',
            ),
            respondingTimeouts: exported(
              withParent(
                group({
                  readTimeout: exported(duration().default('1m0s'), 'TODO'),
                  writeTimeout: exported(duration().default('0s'), 'TODO'),
                  idleTimeout: exported(duration().default('3m0s'), 'TODO'),
                }),
              ),
              'TODO',
            ),
            keepAliveMaxTime: exported(duration().default('0s'), 'TODO'),
            keepAliveMaxRequests: exported(z.int().default(0), 'TODO'),
          }),
        ),
        'TODO',
      ),
      proxyProtocol: exported(
        section({
          insecure: exported(z.boolean().default(false), 'TODO'),
          trustedIPs: masked(z.array(z.string()), 'TODO'),
        }),
        'TODO',
      ),
      forwardedHeaders: exported(
        withParent(
          group({
            insecure: exported(z.boolean().default(false), 'TODO'),
            trustedIPs: masked(z.array(z.string()), 'TODO'),
            connection: masked(z.array(z.string()), 'TODO'),
            notAppendXForwardedFor: exported(z.boolean().default(false), 'TODO'),
            addXForwardedSchemeHeaders: exported(z.boolean().default(false), 'TODO'),
          }),
        ),
        'TODO',
      ),
      http: exported(
        withParent(
          group({
            redirections: exported(
              group({
                entryPoint: exported(
                  group({
                    to: exported(z.string(), 'TODO'),
                    scheme: exported(z.string().default('https'), 'TODO'),
                    permanent: exported(z.boolean().default(true), 'TODO'),
                    priority: exported(z.int().default(MAX_PRIORITY), 'TODO'),
                  }),
                  'TODO',
                ),
              }),
              'TODO',
            ),
            middlewares: exported(z.array(z.string()), 'TODO'),
            tls: exported(
              section({
                options: exported(z.string(), 'TODO'),
                certResolver: exported(z.string(), 'TODO'),
                domains: masked(
                  z.array(
                    group({
                      main: masked(z.string(), 'TODO'),
                      sans: masked(z.array(z.string()), 'TODO'),
                    }),
                  ),
                  'TODO',
                ),
              }),
              'TODO',
            ),
            encodedCharacters: exported(
              withParent(
                group({
                  allowEncodedSlash: exported(z.boolean().default(true), 'TODO'),
                  allowEncodedBackSlash: exported(z.boolean().default(true), 'TODO'),
                  allowEncodedNullCharacter: exported(z.boolean().default(true), 'TODO'),
                  allowEncodedSemicolon: exported(z.boolean().default(true), 'TODO'),
                  allowEncodedPercent: exported(z.boolean().default(true), 'TODO'),
                  allowEncodedQuestionMark: exported(z.boolean().default(true), 'TODO'),
                  allowEncodedHash: exported(z.boolean().default(true), 'TODO'),
                }),
              ),
              'TODO',
            ),
            encodeQuerySemicolons: exported(z.boolean().default(false), 'TODO'),
            sanitizePath: exported(z.boolean().default(true), 'TODO'),
            maxHeaderBytes: exported(z.int().default(1048576), 'TODO'),
            underscoreHeadersStrategy: exported(z.string().default('keep'), 'TODO'),
          }),
        ),
        'TODO',
      ),
      http2: exported(
        withParent(
          group({
            maxConcurrentStreams: exported(z.int().default(250), 'TODO'),
            maxDecoderHeaderTableSize: exported(z.int().default(4096), 'TODO'),
            maxEncoderHeaderTableSize: exported(z.int().default(4096), 'TODO'),
          }),
        ),
        'TODO',
      ),
      http3: exported(
        section({
          advertisedPort: exported(z.int().default(0), 'TODO'),
        }),
        'TODO',
      ),
      udp: masked(
        withParent(
          group({
            timeout: masked(duration().default('3s'), 'TODO'),
          }),
        ),
        'TODO',
      ),
      observability: exported(
        withParent(
          group({
            accessLogs: exported(z.boolean().default(true), 'TODO'),
            metrics: exported(z.boolean().default(true), 'TODO'),
            tracing: exported(z.boolean().default(true), 'TODO'),
            traceVerbosity: exported(z.string().default('minimal'), 'TODO'),
          }),
        ),
        'TODO',
      ),
    }),
  ),
  'TODO',
)
