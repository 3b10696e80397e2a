import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const tsconfig = fileURLToPath(new URL('./tsconfig.json', import.meta.url))
const fixture = fileURLToPath(new URL('./load-config.typecheck.ts', import.meta.url))

/** The compiler's diagnostics for one file, with the options of this folder's tsconfig.json. */
function diagnostics(file: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )
  if (!parsed) throw new Error(`cannot read ${tsconfig}`)
  const program = ts.createProgram({ rootNames: [file], options: parsed.options })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!diagnostic.file || diagnostic.start === undefined) return text
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    return `${diagnostic.file.fileName.split('/').pop()}:${line + 1}: ${text}`
  })
}

describe('loadConfig', () => {
  it('types `effective` by the schema it is given, and refuses a schema that is not an object', {
    timeout: 60_000,
  }, () => {
    expect(diagnostics(fixture)).toEqual([])
  })
})
