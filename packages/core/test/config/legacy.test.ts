import { legacyOptions } from '@baqup/schemas'
import { describe, expect, it } from 'vitest'
import type { ConfigErrors } from '../../src/config/gathered.js'
import { loadConfig, parseConfigText } from '../../src/config/load.js'
import { errorOf, fromFlags, schema, tempDir } from './helpers.js'

const asFlag = (path: string) => `--${path.replaceAll('*', 'web')}=x`
const v1Only = legacyOptions.v1RootKeys.filter((key) => !(key in legacyOptions.removed))

describe("Baqup's legacy table (from @baqup/schemas), passed to the loader", () => {
  it.each(Object.entries(legacyOptions.removed))('says what became of %s', (path, message) => {
    expect(errorOf(() => fromFlags(asFlag(path))).problem).toBe(message)
  })

  it.each(v1Only)('points the v1 root key %s to the migration guide', (key) => {
    expect(errorOf(() => fromFlags(asFlag(key))).problem).toBe(
      `a v1 option, not read since v2 (see ${legacyOptions.v1Guide})`,
    )
  })
})

describe('without a legacy table (the default), core knows no product history', () => {
  const plain = (argv: string[], legacy?: false) =>
    errorOf(() => loadConfig({ schema, env: {}, cwd: tempDir(), argv, ...(legacy === false && { legacy }) }))

  it.each([[undefined], [false as const]])('a removed option is an unknown option (legacy: %s)', (legacy) => {
    expect(plain(['--pilot.token=x'], legacy).message).toBe('--pilot.token: pilot: unknown option')
  })

  it('a v1 file is not refused as a whole: each old key is unknown', () => {
    const error = errorOf(() =>
      parseConfigText('logLevel: INFO\ndefaultEntryPoints: [http]', 'yaml', schema, 'v1.yaml'),
    )
    expect((error as ConfigErrors).errors.map((each) => each.message)).toEqual([
      'v1.yaml:1:1: logLevel: unknown option',
      'v1.yaml:2:1: defaultEntryPoints: unknown option',
    ])
  })
})
