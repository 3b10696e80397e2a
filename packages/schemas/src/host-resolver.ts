import * as z from 'zod'
import { section } from './kinds.js'
import { exported, masked } from './meta.js'

/** DNS resolution of host names, for CNAME flattening. */
export const hostResolver = exported(
  section({
    cnameFlattening: exported(
      z.boolean().default(false),
      'Follow the CNAME chain of request hosts so that Host rules also match the final name.',
    ),
    resolvConfig: masked(
      z.string().default('/etc/resolv.conf'),
      'Path of the resolv.conf file listing the DNS servers.',
    ),
    resolvDepth: exported(z.int().default(5), 'Maximum number of CNAME records followed in a chain (count).'),
  }),
  'Resolve host names through DNS, with CNAME flattening.',
)
