import { z } from 'zod'
import { named } from '../kinds.js'
import { masked } from '../meta.js'

/** providers.plugin */
export const plugin = masked(named(z.record(z.string(), z.unknown())), 'TODO')
