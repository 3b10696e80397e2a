import * as z from 'zod'
import { duration } from './duration.js'
import { group, named, oneOf, section, withParent } from './kinds.js'
import { exported, masked } from './meta.js'
import { certResolverName, dynamicName, entryPointName, listenAddress, namedAs, sentOnlyAs } from './shapes.js'

/**
 * Go's default redirection priority is MaxInt64 - 1 (2^63 - 2), beyond JavaScript's exact integers.
 * The schema keeps its meaning with the largest exact integer minus one: still above any priority
 * an operator realistically writes, still a plain number in every output format.
 */
export const MAX_PRIORITY = Number.MAX_SAFE_INTEGER - 1

/** Clients whose forwarding headers are believed: the same pair for the PROXY protocol and X-Forwarded-*. */
function trustedSenders(what: string) {
  return {
    insecure: exported(z.boolean().default(false), `Trust ${what} from any client (unsafe outside a private network).`),
    trustedIPs: masked(z.array(z.string()), `IP addresses or CIDR ranges whose ${what} are trusted.`),
  }
}

/** One switch per encoded character that request paths may contain. */
function allowEncoded(character: string) {
  return exported(z.boolean().default(true), `Accept ${character} in request paths; rejected with 400 when false.`)
}

const transport = exported(
  withParent(
    group({
      lifeCycle: exported(
        withParent(
          group({
            requestAcceptGraceTimeout: exported(
              duration().default('0s'),
              'Time to keep accepting requests after a stop signal, before the graceful shutdown.',
            ),
            graceTimeOut: exported(
              duration().default('10s'),
              'Time given to active requests to finish during shutdown.',
            ),
          }),
        ),
        'How the entry point behaves while Baqup shuts down.',
      ),
      respondingTimeouts: exported(
        withParent(
          group({
            readTimeout: exported(
              duration().default('1m0s'),
              'Time allowed to read a whole request, body included; 0s means no limit.',
            ),
            writeTimeout: exported(duration().default('0s'), 'Time allowed to write a response; 0s means no limit.'),
            idleTimeout: exported(
              duration().default('3m0s'),
              'Time an idle keep-alive client connection stays open; 0s means no limit.',
            ),
          }),
        ),
        'Timeouts applied to incoming client connections.',
      ),
      keepAliveMaxTime: exported(
        duration().default('0s'),
        'Close keep-alive connections older than this; 0s means no limit.',
      ),
      keepAliveMaxRequests: exported(
        z.int().default(0),
        'Close keep-alive connections after this many requests (count; 0 means no limit).',
      ),
    }),
  ),
  'Client connection handling: timeouts, keep-alive limits and graceful shutdown.',
)

const http = exported(
  withParent(
    group({
      redirections: exported(
        group({
          entryPoint: exported(
            group({
              to: exported(
                entryPointName({ orPort: true }),
                'Entry point name (or :port) that requests are redirected to.',
              ),
              scheme: exported(
                sentOnlyAs(['http', 'https']).default('https'),
                'Scheme of the redirection target, such as https.',
              ),
              permanent: exported(
                z.boolean().default(true),
                'Answer with a permanent redirection instead of a temporary one.',
              ),
              priority: exported(
                z.int().default(MAX_PRIORITY),
                'Priority of the generated redirection router; the default outranks any other router.',
              ),
            }),
            'Redirect every request to another entry point, typically HTTP to HTTPS.',
          ),
        }),
        'Redirections applied to every request of the entry point.',
      ),
      middlewares: exported(
        z.array(dynamicName()),
        'Middlewares applied, in order, to every router of the entry point.',
      ),
      tls: exported(
        section({
          options: exported(dynamicName(), 'Name of the TLS options used by routers of the entry point.'),
          certResolver: exported(certResolverName(), 'Certificate resolver used by routers of the entry point.'),
          domains: exported(
            z.array(
              group({
                main: masked(z.string(), 'Main domain name of the certificate.'),
                sans: masked(z.array(z.string()), 'Subject alternative names added to the certificate.'),
              }),
            ),
            'Domains to get certificates for, besides those found in router rules.',
          ),
        }),
        'Serve every router of the entry point over TLS, with these defaults.',
      ),
      encodedCharacters: exported(
        withParent(
          group({
            allowEncodedSlash: allowEncoded('%2F (slash)'),
            allowEncodedBackSlash: allowEncoded('%5C (backslash)'),
            allowEncodedNullCharacter: allowEncoded('%00 (null character)'),
            allowEncodedSemicolon: allowEncoded('%3B (semicolon)'),
            allowEncodedPercent: allowEncoded('%25 (percent sign)'),
            allowEncodedQuestionMark: allowEncoded('%3F (question mark)'),
            allowEncodedHash: allowEncoded('%23 (hash sign)'),
          }),
        ),
        'Which encoded characters request paths may contain.',
      ),
      encodeQuerySemicolons: exported(
        z.boolean().default(false),
        'Forward semicolons of query strings encoded as %3B instead of as separators.',
      ),
      sanitizePath: exported(
        z.boolean().default(true),
        'Clean request paths (/./, /../, repeated slashes) before routing them.',
      ),
      maxHeaderBytes: exported(z.int().default(1048576), 'Maximum size of the request headers, in bytes.'),
      underscoreHeadersStrategy: exported(
        oneOf(['keep', 'delete', 'reject']).default('keep'),
        'Request headers with underscores in their names: keep, delete or reject.',
      ),
    }),
  ),
  'HTTP settings: redirections, default middlewares and TLS, request path rules.',
)

/** Named listeners on which Baqup accepts connections. */
export const entryPoints = exported(
  namedAs(
    'entry',
    group({
      address: exported(listenAddress(), 'Listening address as [host]:port[/tcp|/udp], such as :443.'),
      allowACMEByPass: masked(
        z.boolean().default(false),
        'Let routers answer ACME challenges instead of the built-in ACME handler.',
      ),
      reusePort: masked(z.boolean().default(false), 'Set SO_REUSEPORT, so that several processes can share the port.'),
      asDefault: masked(z.boolean().default(false), 'Attach routers that name no entry point to this one.'),
      transport,
      proxyProtocol: exported(
        section(trustedSenders('PROXY protocol headers')),
        'Read the PROXY protocol header to learn the real client address.',
      ),
      forwardedHeaders: exported(
        withParent(
          group({
            ...trustedSenders('X-Forwarded-* headers'),
            connection: masked(
              z.array(z.string()),
              'Headers named in Connection that are kept until the middlewares have run.',
            ),
            notAppendXForwardedFor: exported(
              z.boolean().default(false),
              'Do not append the client IP to X-Forwarded-For on this entry point.',
            ),
            addXForwardedSchemeHeaders: exported(
              z.boolean().default(false),
              'Also send X-Forwarded-Scheme and X-Scheme headers to backends.',
            ),
          }),
        ),
        'Whether X-Forwarded-* headers sent by clients are believed or replaced.',
      ),
      http,
      http2: exported(
        withParent(
          group({
            maxConcurrentStreams: exported(
              z.int().default(250),
              'Maximum concurrent HTTP/2 streams a client may open per connection (count).',
            ),
            maxDecoderHeaderTableSize: exported(
              z.int().default(4096),
              'Maximum HPACK table size for decoding request headers, in bytes.',
            ),
            maxEncoderHeaderTableSize: exported(
              z.int().default(4096),
              'Maximum HPACK table size for encoding response headers, in bytes.',
            ),
          }),
        ),
        'HTTP/2 limits of the entry point.',
      ),
      http3: exported(
        section({
          advertisedPort: exported(
            z.int().default(0),
            'UDP port announced to clients for HTTP/3; 0 means the listening port.',
          ),
        }),
        'Also serve HTTP/3 (QUIC over UDP) on the same port.',
      ),
      udp: masked(
        withParent(
          group({
            timeout: masked(duration().default('3s'), 'Time after which an idle UDP session is released.'),
          }),
        ),
        'UDP settings of the entry point.',
      ),
      observability: exported(
        withParent(
          group({
            accessLogs: exported(z.boolean().default(true), 'Write access logs for requests of this entry point.'),
            metrics: exported(z.boolean().default(true), 'Record metrics for requests of this entry point.'),
            tracing: exported(z.boolean().default(true), 'Trace requests of this entry point.'),
            traceVerbosity: exported(
              oneOf(['minimal', 'detailed']).default('minimal'),
              'Tracing detail: minimal or detailed.',
            ),
          }),
        ),
        'Which observability data requests of this entry point produce by default.',
      ),
    }),
  ),
  'Named network listeners on which Baqup accepts incoming connections.',
)
