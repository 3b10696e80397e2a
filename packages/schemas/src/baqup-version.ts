/**
 * The Baqup release whose static configuration this package describes. The reference it follows
 * (reference/README.md) is derived from Traefik v3.7, hence 3.7.0. Telemetry reports this version
 * unless told another: a Baqup build passes its own.
 */
export const BAQUP_VERSION = '3.7.0'
