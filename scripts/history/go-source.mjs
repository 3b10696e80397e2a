// A small reader of Go type declarations: enough of the language to walk Traefik's
// static-configuration structs (type declarations, struct fields, tags, imports), nothing more.

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y
const NUMBER = /[0-9][0-9A-Za-z_.]*/y
const ENDS_STATEMENT = new Set([')', ']', '}'])

/** Go's tokens, with automatic semicolons, without comments. Strings keep their raw text. */
export function tokenize(source) {
  const tokens = []
  let i = 0
  const push = (type, value) => tokens.push({ type, value })
  const endsStatement = () => {
    const last = tokens.at(-1)
    return (
      last &&
      (last.type === 'ident' || last.type === 'string' || last.type === 'number' || ENDS_STATEMENT.has(last.value))
    )
  }
  while (i < source.length) {
    const c = source[i]
    if (c === '\n') {
      if (endsStatement()) push('punct', ';')
      i++
    } else if (c === ' ' || c === '\t' || c === '\r') i++
    else if (source.startsWith('//', i)) i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i)
    else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2)
      if (source.slice(i, end).includes('\n') && endsStatement()) push('punct', ';')
      i = end + 2
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1)
      push('string', source.slice(i + 1, end))
      i = end + 1
    } else if (c === '"' || c === "'") {
      let j = i + 1
      while (source[j] !== c) j += source[j] === '\\' ? 2 : 1
      push(c === '"' ? 'string' : 'number', JSON.parse(`"${source.slice(i + 1, j).replaceAll("\\'", "'")}"`))
      i = j + 1
    } else {
      IDENT.lastIndex = i
      NUMBER.lastIndex = i
      const ident = IDENT.exec(source)
      const number = ident ? null : NUMBER.exec(source)
      if (ident) push('ident', ident[0])
      else if (number) push('number', number[0])
      else push('punct', c)
      i += (ident ?? number)?.[0].length ?? 1
    }
  }
  if (endsStatement()) push('punct', ';')
  return tokens
}

/** Parses one Go file: its package name, its imports (alias → path) and its type declarations. */
export function parseFile(source) {
  const tokens = tokenize(source)
  let at = 0
  const peek = (offset = 0) => tokens[at + offset]
  const is = (value, offset = 0) => peek(offset)?.value === value && peek(offset)?.type !== 'string'
  const next = () => tokens[at++]
  const expect = (value) => {
    if (!is(value)) throw new Error(`expected ${value}, found ${peek()?.value}`)
    return next()
  }
  const skipBalanced = () => {
    const open = next().value
    const close = { '(': ')', '[': ']', '{': '}' }[open]
    let depth = 1
    while (depth > 0) {
      const token = next()
      if (token.type === 'string') continue
      if (token.value === open) depth++
      else if (token.value === close) depth--
    }
  }

  function typeExpr() {
    const token = next()
    if (token.value === '*') return { ptr: typeExpr() }
    if (token.value === '(') {
      const inner = typeExpr()
      expect(')')
      return inner
    }
    if (token.value === '[') {
      if (is(']')) {
        next()
        return { slice: typeExpr() }
      }
      while (!is(']')) next()
      next()
      return { array: typeExpr() }
    }
    if (token.value === 'map') {
      expect('[')
      const key = typeExpr()
      expect(']')
      return { map: key, value: typeExpr() }
    }
    if (token.value === 'chan' || (token.value === '<' && is('-'))) {
      while (is('<') || is('-') || is('chan')) next()
      return { other: 'chan', of: typeExpr() }
    }
    if (token.value === 'struct') return { struct: fields() }
    if (token.value === 'interface') {
      skipBalanced()
      return { other: 'interface' }
    }
    if (token.value === 'func') {
      skipBalanced()
      if (is('(')) skipBalanced()
      else if (!is(';') && !is('}') && !is(')') && peek()?.type !== 'string') typeExpr()
      return { other: 'func' }
    }
    if (token.type !== 'ident') throw new Error(`unexpected ${token.value} in a type`)
    let name = { name: token.value }
    if (is('.')) {
      next()
      name = { pkg: token.value, name: next().value }
    }
    if (is('[')) skipBalanced() // type arguments
    return name
  }

  function fields() {
    expect('{')
    const list = []
    while (!is('}')) {
      if (is(';')) {
        next()
        continue
      }
      const embedded = is('*') || is('.', 1) || is(';', 1) || is('}', 1) || peek(1)?.type === 'string'
      const names = []
      if (!embedded) {
        names.push(next().value)
        while (is(',')) {
          next()
          names.push(next().value)
        }
      }
      const type = typeExpr()
      const tag = peek()?.type === 'string' ? next().value : ''
      if (embedded) list.push({ name: embeddedName(type), embedded: true, type, tag })
      for (const name of names) list.push({ name, embedded: false, type, tag })
    }
    next()
    return list
  }

  function typeSpec(types) {
    const name = next().value
    if (is('[') && peek(1)?.type === 'ident' && !is(']', 2)) skipBalanced() // type parameters
    const alias = is('=')
    if (alias) next()
    types.set(name, { type: typeExpr(), alias })
  }

  let pkg = ''
  /** [{ alias, path }]: alias is null when the file does not name the import. */
  const imports = []
  const importSpec = () => {
    const alias = peek().type === 'string' ? null : next().value
    imports.push({ alias, path: next().value })
  }
  const types = new Map()
  while (at < tokens.length) {
    if (is('{') || is('(') || is('[')) skipBalanced()
    else if (is('package')) {
      next()
      pkg = next().value
    } else if (is('import')) {
      next()
      if (is('(')) {
        next()
        while (!is(')')) {
          if (is(';')) next()
          else importSpec()
        }
        next()
      } else importSpec()
    } else if (is('type')) {
      next()
      if (is('(')) {
        next()
        while (!is(')')) {
          if (is(';')) next()
          else typeSpec(types)
        }
        next()
      } else typeSpec(types)
    } else next()
  }
  return { pkg, imports, types }
}

function embeddedName(type) {
  const inner = type.ptr ?? type
  return inner.name
}

/** Reads a struct tag (`json:"name,omitempty" export:"true"`) into a map. */
export function parseTag(tag) {
  const entries = new Map()
  for (const [, key, value] of tag.matchAll(/([A-Za-z_]+):"((?:[^"\\]|\\.)*)"/g)) entries.set(key, value)
  return entries
}
