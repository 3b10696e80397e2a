import { section, stringMap } from './kinds.js'
import { exported, masked } from './meta.js'

/** ocsp */
export const ocsp = exported(
  section({
    responderOverrides: masked(stringMap(), 'TODO'),
  }),
  'TODO',
)
