import { z } from 'zod'
import { duration } from './duration.js'
import { fileOrContent, group, section, withParent } from './kinds.js'
import { exported, masked } from './meta.js'

/** serversTransport */
export const serversTransport = exported(
  withParent(
    group({
      insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
      rootCAs: masked(z.array(fileOrContent()), 'TODO'),
      maxIdleConnsPerHost: exported(z.int().default(200), 'TODO'),
      forwardingTimeouts: exported(
        withParent(
          group({
            dialTimeout: exported(duration().default('30s'), 'TODO'),
            responseHeaderTimeout: exported(duration().default('0s'), 'TODO'),
            idleConnTimeout: exported(duration().default('1m30s'), 'TODO'),
          }),
        ),
        'TODO',
      ),
      spiffe: exported(
        section({
          ids: masked(z.array(z.string()), 'TODO'),
          trustDomain: masked(z.string(), 'TODO'),
        }),
        'TODO',
      ),
    }),
  ),
  'TODO',
)

/** tcpServersTransport */
export const tcpServersTransport = exported(
  withParent(
    group({
      dialKeepAlive: exported(duration().default('15s'), 'TODO'),
      dialTimeout: exported(duration().default('30s'), 'TODO'),
      terminationDelay: exported(duration().default('0s'), 'TODO'),
      tls: exported(
        section({
          insecureSkipVerify: exported(z.boolean().default(false), 'TODO'),
          rootCAs: masked(z.array(fileOrContent()), 'TODO'),
          spiffe: exported(
            section({
              ids: masked(z.array(z.string()), 'TODO'),
              trustDomain: masked(z.string(), 'TODO'),
            }),
            'TODO',
          ),
        }),
        'TODO',
      ),
    }),
  ),
  'TODO',
)
