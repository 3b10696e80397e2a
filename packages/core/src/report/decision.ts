/** What became of one path of the configuration in the anonymized copy. */
export type DecisionKind = 'kept' | 'masked' | 'scrubbed' | 'removed'

/** Why one path of the configuration came out the way it did. */
export interface Decision {
  /** Real names: `providers.docker.endpoint`, `entryPoints.web.http.tls.domains[0].main`. */
  readonly path: string
  readonly decision: DecisionKind
  /** `exported`, `not exported`, `scrubbed: host of an address (port kept)`, `not exported: removed (map)`, `unknown option: removed`… */
  readonly reason: string
}
