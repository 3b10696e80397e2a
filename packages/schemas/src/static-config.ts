import * as z from 'zod'
import { accessLog } from './access-log.js'
import { api } from './api.js'
import { certificatesResolvers } from './certificates-resolvers.js'
import { core } from './core.js'
import { entryPoints } from './entry-points.js'
import { experimental } from './experimental.js'
import { global } from './global.js'
import { withHistory } from './history-meta.js'
import { hostResolver } from './host-resolver.js'
import { group } from './kinds.js'
import { log } from './log.js'
import { metrics } from './metrics.js'
import { ocsp } from './ocsp.js'
import { ping } from './ping.js'
import { providers } from './providers/index.js'
import { serversTransport, tcpServersTransport } from './servers-transport.js'
import { spiffe } from './spiffe.js'
import { tracing } from './tracing.js'

/**
 * Baqup's whole static configuration, as the newest release (3.7) has it: the root every source is
 * read into. Each option carries its history (`since`, `until`, export flag per range) as metadata.
 */
export const staticConfigSchema = withHistory(
  group({
    global,
    serversTransport,
    tcpServersTransport,
    entryPoints,
    providers,
    api,
    metrics,
    ping,
    log,
    accessLog,
    tracing,
    hostResolver,
    certificatesResolvers,
    experimental,
    core,
    spiffe,
    ocsp,
  }),
)

/** A static configuration as written (no defaults) or effective (defaults applied). */
export type StaticConfig = z.input<typeof staticConfigSchema>
