import * as z from 'zod'
import { duration } from './duration.js'
import { group, named, oneOf, section } from './kinds.js'
import { LEGO_DNS_PROVIDERS } from './lego-dns-providers.js'
import { exported, masked } from './meta.js'
import { entryPointName, namedAs, sentOnlyAs } from './shapes.js'

function challengeDelay() {
  return exported(duration().default('0s'), 'Time to wait after setting up the challenge before asking for validation.')
}

const dnsChallenge = exported(
  section({
    provider: exported(
      oneOf(LEGO_DNS_PROVIDERS),
      'DNS provider that publishes the challenge records, as a lego code (cloudflare…).',
    ),
    resolvers: masked(
      z.array(z.string()),
      'DNS servers (host:port) queried to check that challenge records propagated.',
    ),
    propagation: exported(
      section({
        disableChecks: exported(z.boolean().default(false), 'Skip every propagation check (not recommended).'),
        disableANSChecks: exported(
          z.boolean().default(false),
          'Skip the check against the authoritative name servers.',
        ),
        requireAllRNS: exported(
          z.boolean().default(false),
          'Wait until every recursive name server returns the challenge record.',
        ),
        delayBeforeChecks: exported(duration().default('0s'), 'Time to wait before the first propagation check.'),
      }),
      'How the propagation of challenge records is checked before validation.',
    ),
    delayBeforeCheck: exported(duration().default('0s'), 'Deprecated: use propagation.delayBeforeChecks.'),
    disablePropagationCheck: exported(z.boolean().default(false), 'Deprecated: use propagation.disableChecks.'),
  }),
  'Prove domain control with DNS-01 records, set through the DNS provider API.',
)

const acme = exported(
  group({
    email: masked(z.string(), 'Contact e-mail address of the ACME account.'),
    caServer: masked(
      z.string().default('https://acme-v02.api.letsencrypt.org/directory'),
      'Directory URL of the ACME certificate authority.',
    ),
    preferredChain: exported(
      sentOnlyAs(['ISRG Root X1', 'ISRG Root X2']),
      'Common name of the issuer whose certificate chain is preferred.',
    ),
    profile: exported(
      sentOnlyAs(['classic', 'shortlived', 'tlsserver']),
      'Certificate profile requested from the authority, such as shortlived.',
    ),
    emailAddresses: masked(z.array(z.string()), 'E-mail addresses included in certificate signing requests.'),
    disableCommonName: exported(
      z.boolean().default(false),
      'Leave the common name out of certificate signing requests.',
    ),
    storage: masked(z.string().default('acme.json'), 'File where the account and certificates are kept.'),
    keyType: exported(
      oneOf(['EC256', 'EC384', 'RSA2048', 'RSA4096', 'RSA8192']).default('RSA4096'),
      'Certificate key type: EC256, EC384, RSA2048, RSA4096 or RSA8192.',
    ),
    eab: masked(
      group({
        kid: masked(z.string(), 'Key identifier given by the certificate authority.'),
        hmacEncoded: masked(z.string(), 'Base64-encoded HMAC key given by the certificate authority.'),
      }),
      'External account binding, for authorities that require one.',
    ),
    certificatesDuration: exported(z.int().default(2160), 'Lifetime of the issued certificates, in hours.'),
    clientTimeout: exported(duration().default('2m0s'), 'Time allowed for a whole HTTP exchange with the authority.'),
    clientResponseHeaderTimeout: exported(
      duration().default('30s'),
      'Time allowed for the response headers of the authority.',
    ),
    certificateTimeout: exported(
      duration().default('30s'),
      'Time allowed for the certificate to be issued at finalization.',
    ),
    caCertificates: masked(z.array(z.string()), 'CA certificate files trusted to verify the authority.'),
    caSystemCertPool: exported(
      z.boolean().default(false),
      'Also trust the system certificate pool to verify the authority.',
    ),
    caServerName: masked(z.string(), 'Server name expected in the certificate of the authority.'),
    dnsChallenge,
    httpChallenge: exported(
      section({
        entryPoint: exported(entryPointName(), 'Entry point, reachable on port 80, that answers the challenge.'),
        delay: challengeDelay(),
      }),
      'Prove domain control with HTTP-01, answered on an HTTP entry point.',
    ),
    tlsChallenge: exported(
      section({ delay: challengeDelay() }),
      'Prove domain control with TLS-ALPN-01, answered on port 443.',
    ),
  }),
  'Get certificates from an ACME certificate authority, such as Let’s Encrypt.',
)

/** Named sources of TLS certificates, referred to by routers' `certResolver`. */
export const certificatesResolvers = exported(
  namedAs(
    'resolver',
    group({
      acme,
      tailscale: exported(section({}), 'Get certificates for Tailscale machine names from the local Tailscale daemon.'),
    }),
  ),
  'Named certificate resolvers that get TLS certificates automatically.',
)
