import * as z from 'zod'
import { group, withParent } from '../kinds.js'
import { exported, masked } from '../meta.js'

/** providers.file */
export const file = exported(
  withParent(
    group({
      directory: masked(z.string(), 'Folder whose YAML and TOML files hold dynamic configuration.'),
      watch: exported(z.boolean().default(true), 'Reload the configuration when the file or folder changes.'),
      filename: masked(z.string(), 'One YAML or TOML file that holds dynamic configuration.'),
      debugLogGeneratedTemplate: exported(
        z.boolean().default(false),
        'Log, at debug level, the configuration that Go templates produced.',
      ),
    }),
  ),
  'Reads dynamic configuration from YAML or TOML files (directory or filename).',
)
