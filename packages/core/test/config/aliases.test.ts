import { describe, expect, it } from 'vitest'
import { errorOf, fromEnv, fromFlags, toml, yaml } from './helpers.js'

// Baqup's reader matches Go field names: Knative's service reference is written `name`, while its
// JSON name (the option list's) is `desc`. The schema declares `name` as an alias of `desc`.
const expected = { providers: { knative: { publicService: { desc: 'edge', namespace: 'web' } } } }

describe('option aliases', () => {
  it.each([
    ['YAML', () => yaml('providers:\n  knative:\n    publicService:\n      name: edge\n      namespace: web\n')],
    ['TOML', () => toml('[providers.knative.publicService]\nName = "edge"\nnamespace = "web"\n')],
    [
      'flags',
      () => fromFlags('--providers.knative.publicService.name=edge', '--providers.knative.publicService.namespace=web'),
    ],
    [
      'env',
      () =>
        fromEnv({
          BAQUP_PROVIDERS_KNATIVE_PUBLICSERVICE_NAME: 'edge',
          BAQUP_PROVIDERS_KNATIVE_PUBLICSERVICE_NAMESPACE: 'web',
        }),
    ],
  ])('read an alias from %s as the canonical option', (_, load) => {
    expect(load()).toEqual(expected)
  })

  it('reads the canonical name too, and refuses both names at once when they disagree', () => {
    expect(yaml('providers:\n  knative:\n    publicService:\n      desc: edge\n      namespace: web\n')).toEqual(
      expected,
    )
    const error = errorOf(() => yaml('providers:\n  knative:\n    publicService:\n      desc: a\n      name: b\n'))
    expect(error.message).toMatch(/providers\.knative\.publicService\.desc/)
  })
})
