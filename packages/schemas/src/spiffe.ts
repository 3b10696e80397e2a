import * as z from 'zod'
import { group } from './kinds.js'
import { masked } from './meta.js'

/** Where SPIFFE identities come from, for `serversTransport.spiffe`. */
export const spiffe = masked(
  group({
    workloadAPIAddr: masked(z.string(), 'Address of the SPIFFE workload API, such as a unix:// socket.'),
  }),
  'Connection to the SPIFFE workload API that provides backend identities.',
)
