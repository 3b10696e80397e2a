// A fresh project outside the repository that installs the tarballs with npm, as a user would.
import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { root } from './tarballs.mjs'

const manifestOf = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'))

/** `name@range` as the repository pins it, so the consumer compiles with what the packages are built with. */
function pinned(name, manifest, field) {
  const range = manifest[field][name]
  if (!range) throw new Error(`${name} is not in ${field}`)
  return `${name}@${range}`
}

/** The ESM consumer: loads a file with the installed packages and prints what inspect would show of it. */
const ESM_CONSUMER = `import { anonymize, configHash, loadConfig } from '@baqup/core'
import { staticConfigSchema } from '@baqup/schemas'

const loaded = loadConfig({ schema: staticConfigSchema, argv: ['--configFile=' + process.argv[2]], env: {} })
const anonymized = anonymize(staticConfigSchema, loaded.config)
process.stdout.write(JSON.stringify({ source: loaded.source, anonymized, hash: configHash(loaded.effective, 'k') }))
`

/**
 * What an embedder compiles with: nodenext and strict, no `source` condition, and `skipLibCheck`
 * as `tsc --init` writes it (the packed declarations' own imports are checked against their
 * dependencies instead, in a fraction of the time).
 */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2023',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['*.ts'],
}

/**
 * What a package manager that ran this script set for its own use (pnpm's settings, which npm
 * warns about), except how to reach the registry.
 */
const RUNNER_VARIABLE = /^npm_(?!config_(registry|cache|proxy|https_proxy|noproxy|strict_ssl|cafile|ca)$)/i
const PROXY_OR_OPT_OUT = /^(https?_proxy|all_proxy|do_not_track)$/i

const environmentWithout = (...patterns) =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !patterns.some((pattern) => pattern.test(name))))

/** npm's environment: this shell's, proxies included, without the settings of the runner. */
const installEnv = () => environmentWithout(RUNNER_VARIABLE)

/** `npm i -g` of one tarball alone, into `prefix` instead of the machine's global folder: its `bin/`. */
export function installGlobally(prefix, tarball) {
  const npm = ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', tarball]
  execFileSync('npm', npm, { env: installEnv(), stdio: 'inherit' })
  return join(prefix, 'bin')
}

/** The environment of the commands run in the project: no colour, a state file of its own, no proxy. */
export function projectEnv(dir) {
  return {
    ...environmentWithout(RUNNER_VARIABLE, PROXY_OR_OPT_OUT),
    NO_COLOR: '1',
    BAQUP_TELEMETRY_STATE: join(dir, 'state', 'telemetry.json'),
  }
}

/** Creates the project in `dir` and installs the tarballs, plus what a TypeScript embedder adds. */
export function createProject(dir, tarballs) {
  mkdirSync(dir, { recursive: true })
  const project = { name: 'baqup-pack-test', version: '0.0.0', private: true, type: 'module' }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`)
  writeFileSync(join(dir, 'consumer.mjs'), ESM_CONSUMER)
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`)
  const rootManifest = manifestOf('package.json')
  const extras = [
    pinned('consola', manifestOf('packages/core/package.json'), 'dependencies'),
    pinned('typescript', rootManifest, 'devDependencies'),
    pinned('@types/node', rootManifest, 'devDependencies'),
  ]
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...extras], {
    cwd: dir,
    env: installEnv(),
    stdio: 'inherit',
  })
}

const execFileAsync = promisify(execFile)

/** Runs a command in the project; rejects with its output when it exits non-zero. */
export async function runIn(dir, command, args) {
  try {
    const { stdout } = await execFileAsync(command, args, { cwd: dir, env: projectEnv(dir), encoding: 'utf8' })
    return stdout
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${error.code}):\n${error.stdout}${error.stderr}`)
  }
}

/** Writes the examples as .ts files of the project and type-checks them with the project's tsc. */
export function typecheckExamples(dir, examples) {
  for (const [file, code] of Object.entries(examples)) writeFileSync(join(dir, file), code)
  return runIn(dir, 'npx', ['--no', '--', 'tsc', '--project', 'tsconfig.json'])
}
