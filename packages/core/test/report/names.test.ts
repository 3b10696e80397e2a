import { describe, expect, it } from 'vitest'
import { dictionarySpelling, entryNames, isPlaceholder } from '../../src/report/names.js'

const dictionary = ['web', 'websecure', 'ClientHost']

describe('dictionarySpelling', () => {
  it.each([
    ['web', 'web'],
    ['WEB', 'web'],
    ['WebSecure', 'websecure'],
    ['clienthost', 'ClientHost'],
  ])('finds %j in any case and gives the dictionary spelling %j', (name, spelling) => {
    expect(dictionarySpelling(dictionary, name)).toBe(spelling)
  })

  it.each([
    'web-',
    'web ',
    'webs',
    '',
    'w\u0435b', // a Cyrillic e
    'ｗｅｂ',
    'web\ua4f8',
    '\u212Aey', // the Kelvin sign lower-cases to an ASCII k
  ])('does not find %j', (name) => {
    expect(dictionarySpelling([...dictionary, 'key'], name)).toBeUndefined()
  })
})

describe('isPlaceholder', () => {
  it.each(['entry-1', 'entry-42', 'entry-999999'])('reads %j as a placeholder of entry', (name) => {
    expect(isPlaceholder(name, 'entry')).toBe(true)
  })

  it.each(['entry-0', 'entry-01', 'entry-1a', 'Entry-1', 'entry-', 'entry-1234567', 'resolver-1', 'entry-١'])(
    'does not read %j as one',
    (name) => {
      expect(isPlaceholder(name, 'entry')).toBe(false)
    },
  )
})

describe('entryNames', () => {
  const sent = (names: string[]) => Object.fromEntries(entryNames(names, 'entry', dictionary).sent)

  it('sends dictionary names in its spelling and any other name as a numbered placeholder', () => {
    expect(sent(['WebSecure', 'db-prod-example-com-', 'web', '10-0-0-1'])).toEqual({
      WebSecure: 'websecure',
      'db-prod-example-com-': 'entry-1',
      web: 'web',
      '10-0-0-1': 'entry-2',
    })
  })

  it('keeps placeholders as written and numbers new ones past them', () => {
    expect(sent(['alice_at_example_com_', 'entry-1', 'entry-3'])).toEqual({
      alice_at_example_com_: 'entry-2',
      'entry-1': 'entry-1',
      'entry-3': 'entry-3',
    })
  })

  it('never merges two entries: a case variant of a name taken gets a placeholder', () => {
    expect(sent(['WEB', 'web', 'Web'])).toEqual({ WEB: 'entry-1', web: 'web', Web: 'entry-2' })
  })

  it('says why a name is not sent as written', () => {
    const { problems } = entryNames(['WEB', 'web', 'Web2', 'WebSecure'], 'entry', dictionary)
    expect(Object.fromEntries(problems)).toEqual({
      WEB: 'a case variant of web, which another entry is sent as',
      Web2: 'not in the names dictionary',
      WebSecure: 'written in another case than the names dictionary',
    })
  })

  it('sends only placeholders without a dictionary', () => {
    expect(Object.fromEntries(entryNames(['web', 'name-7'], 'name').sent)).toEqual({
      web: 'name-1',
      'name-7': 'name-7',
    })
  })
})
