import * as z from 'zod'
import { section } from './kinds.js'
import { exported, masked } from './meta.js'

/** The API and dashboard, reached through the `api@internal` service or, insecurely, the `baqup` entry point. */
export const api = exported(
  section({
    basePath: masked(z.string().default('/'), 'URL path prefix under which the API and dashboard are served.'),
    insecure: exported(
      z.boolean().default(false),
      'Serve the API and dashboard on the baqup entry point without a router (unsafe).',
    ),
    dashboard: exported(z.boolean().default(true), 'Serve the web dashboard along with the API.'),
    debug: exported(z.boolean().default(false), 'Also serve debugging and profiling endpoints (expvar, pprof).'),
    disableDashboardAd: exported(z.boolean().default(false), 'Hide the advertisement panel of the dashboard.'),
    dashboardName: masked(z.string(), 'Name shown in the dashboard, to tell instances apart.'),
  }),
  'Serve the API and the web dashboard that shows the routing configuration.',
)
