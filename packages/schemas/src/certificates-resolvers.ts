import { z } from 'zod'
import { duration } from './duration.js'
import { group, named, section } from './kinds.js'
import { exported, masked } from './meta.js'

/** certificatesResolvers */
export const certificatesResolvers = exported(
  named(
    group({
      acme: exported(
        group({
          email: masked(z.string(), 'TODO'),
          caServer: masked(z.string().default('https://acme-v02.api.letsencrypt.org/directory'), 'TODO'),
          preferredChain: exported(z.string(), 'TODO'),
          profile: exported(z.string(), 'TODO'),
          emailAddresses: masked(z.array(z.string()), 'TODO'),
          disableCommonName: exported(z.boolean().default(false), 'TODO'),
          storage: masked(z.string().default('acme.json'), 'TODO'),
          keyType: exported(z.string().default('RSA4096'), 'TODO'),
          eab: masked(
            group({
              kid: masked(z.string(), 'TODO'),
              hmacEncoded: masked(z.string(), 'TODO'),
            }),
            'TODO',
          ),
          certificatesDuration: exported(z.int().default(2160), 'TODO'),
          clientTimeout: exported(duration().default('2m0s'), 'TODO'),
          clientResponseHeaderTimeout: exported(duration().default('30s'), 'TODO'),
          certificateTimeout: exported(duration().default('30s'), 'TODO'),
          caCertificates: masked(z.array(z.string()), 'TODO'),
          caSystemCertPool: exported(z.boolean().default(false), 'TODO'),
          caServerName: masked(z.string(), 'TODO'),
          dnsChallenge: exported(
            section({
              provider: exported(z.string(), 'TODO'),
              resolvers: masked(z.array(z.string()), 'TODO'),
              propagation: exported(
                section({
                  disableChecks: exported(z.boolean().default(false), 'TODO'),
                  disableANSChecks: exported(z.boolean().default(false), 'TODO'),
                  requireAllRNS: exported(z.boolean().default(false), 'TODO'),
                  delayBeforeChecks: exported(duration().default('0s'), 'TODO'),
                }),
                'TODO',
              ),
              delayBeforeCheck: exported(duration().default('0s'), 'TODO'),
              disablePropagationCheck: exported(z.boolean().default(false), 'TODO'),
            }),
            'TODO',
          ),
          httpChallenge: exported(
            section({
              entryPoint: exported(z.string(), 'TODO'),
              delay: exported(duration().default('0s'), 'TODO'),
            }),
            'TODO',
          ),
          tlsChallenge: exported(
            section({
              delay: exported(duration().default('0s'), 'TODO'),
            }),
            'TODO',
          ),
        }),
        'TODO',
      ),
      tailscale: exported(section({}), 'TODO'),
    }),
  ),
  'TODO',
)
