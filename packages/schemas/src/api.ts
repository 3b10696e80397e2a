import { z } from 'zod'
import { section } from './kinds.js'
import { exported, masked } from './meta.js'

/** api */
export const api = exported(
  section({
    basePath: masked(z.string().default('/'), 'TODO'),
    insecure: exported(z.boolean().default(false), 'TODO'),
    dashboard: exported(z.boolean().default(true), 'TODO'),
    debug: exported(z.boolean().default(false), 'TODO'),
    disableDashboardAd: exported(z.boolean().default(false), 'TODO'),
    dashboardName: masked(z.string(), 'TODO'),
  }),
  'TODO',
)
