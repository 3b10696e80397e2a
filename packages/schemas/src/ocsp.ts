import { section, stringMap } from './kinds.js'
import { exported, masked } from './meta.js'

/** OCSP stapling and revocation checks of the certificates Baqup serves. */
export const ocsp = exported(
  section({
    responderOverrides: masked(
      stringMap(),
      'Replacement OCSP responders (responder URL in the certificate → URL to query).',
    ),
  }),
  'Staple OCSP responses to the certificates Baqup serves.',
)
