import * as z from 'zod'
import { named } from '../kinds.js'
import { masked } from '../meta.js'

// The option is the map's value (`providers.plugin.<name>`), so the help sits on the value itself;
// `masked()` would also make the value optional, which a plugin's settings are not.
const settings = z
  .record(z.string(), z.unknown())
  .meta({ help: 'Settings of one provider plugin, in the form the plugin defines.' })

/** providers.plugin */
export const plugin = masked(named(settings), 'Provider plugins to run, by the name given in experimental.plugins.')
