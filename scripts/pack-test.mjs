// Packs @baqup/schemas, @baqup/core and @baqup/cli, lints the tarballs (publint, attw), installs
// them with npm into a fresh project outside the repository and uses them there as a user would:
// the CLI through npx, the libraries from ESM, the README's library example run as written, and
// the README's embedding example through tsc.
// Needs a build (`pnpm test:pack` builds first) and the npm registry for third-party dependencies.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createProject, installGlobally, runIn, typecheckExamples } from './pack/consumer.mjs'
import { lintTarball } from './pack/lint.mjs'
import { sectionExample } from './pack/markdown.mjs'
import { manifestProblems, packAll, root } from './pack/tarballs.mjs'

const EMBEDDING = 'Embedding'
/** The README section whose ```js block is the library example (load, anonymize, hash, print the payload). */
const INSTALL = 'Install'
const work = mkdtempSync(join(tmpdir(), 'baqup-pack-test-'))
const project = join(work, 'project')
const examples = { yaml: join(root, 'examples', 'baqup.yaml'), toml: join(root, 'examples', 'baqup.toml') }

const started = performance.now()

function step(title) {
  const elapsed = ((performance.now() - started) / 1000).toFixed(1)
  process.stdout.write(`\n▸ ${title}  (at ${elapsed} s)\n`)
}

/** An update server on 127.0.0.1 that knows one release. */
async function updateServer(tag) {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify([{ tag_name: tag, name: tag, draft: false, prerelease: false }]))
  })
  await new Promise((listening) => server.listen(0, '127.0.0.1', listening))
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() }
}

async function main() {
  step('pnpm pack')
  const packed = packAll(work)
  const problems = packed.flatMap(manifestProblems)
  assert.deepEqual(problems, [], problems.join('\n'))

  for (const { name, tarball } of packed) {
    step(`publint and attw: ${name}`)
    lintTarball(tarball)
  }

  step('npm install --global the CLI tarball alone, as the README says')
  const cli = packed.find(({ name }) => name === '@baqup/cli')
  const globalBin = installGlobally(join(work, 'global'), cli.tarball)
  const globalRun = await runIn(work, join(globalBin, 'baqup-telemetry'), ['inspect', examples.yaml])
  assert.ok(globalRun.includes(examples.yaml), `inspect names the file it read:\n${globalRun}`)

  step('npm install the tarballs into a fresh project')
  createProject(
    project,
    packed.map(({ tarball }) => tarball),
  )

  step('npx baqup-telemetry inspect')
  process.stdout.write(
    await runIn(project, 'npx', ['--no', 'baqup-telemetry', 'inspect', `--configFile=${examples.yaml}`]),
  )
  const inspected = JSON.parse(
    await runIn(project, 'npx', ['--no', 'baqup-telemetry', 'inspect', '--json', `--configFile=${examples.yaml}`]),
  )
  assert.deepEqual(inspected.source, { kind: 'file', path: examples.yaml })
  const fromToml = JSON.parse(
    await runIn(project, 'npx', ['--no', 'baqup-telemetry', 'inspect', '--json', `--configFile=${examples.toml}`]),
  )
  assert.equal(fromToml.source.kind, 'file', 'the TOML parser loads from the installed dependencies')

  step('npx baqup-telemetry check-version (the HTTP client loads from the installed dependencies)')
  const server = await updateServer('v99.1.0')
  try {
    const answer = await runIn(project, 'npx', [
      '--no',
      'baqup-telemetry',
      'check-version',
      '--current=3.0.0',
      `--update-url=${server.url}`,
    ])
    process.stdout.write(answer)
    assert.match(answer, /v99\.1\.0/)
  } finally {
    server.close()
  }

  step('import @baqup/core and @baqup/schemas from ESM')
  const imported = JSON.parse(await runIn(project, 'node', ['consumer.mjs', examples.yaml]))
  assert.deepEqual(imported.source, inspected.source)
  assert.deepEqual(imported.anonymized, inspected.anonymized, 'the library anonymizes as the CLI does')
  assert.match(imported.hash, /^[0-9a-f]{64}$/)

  step("README.md's library example, as written: node example.mjs --configFile=…")
  const library = sectionExample(join(root, 'README.md'), INSTALL, 'js')
  writeFileSync(join(project, 'example.mjs'), library)
  const printed = JSON.parse(await runIn(project, 'node', ['example.mjs', `--configFile=${examples.yaml}`]))
  process.stdout.write(`${JSON.stringify(printed, null, 2)}\n`)
  const { version, configuration, hash } = inspected.payload
  // The same state file (the project's BAQUP_TELEMETRY_STATE), so the same key: the body inspect shows.
  assert.deepEqual(
    { version: printed.version, configuration: printed.configuration, hash: printed.hash },
    {
      version,
      configuration,
      hash,
    },
  )

  step('tsc (nodenext, strict) on the examples of README.md and packages/core/README.md')
  await typecheckExamples(project, {
    'readme-library.ts': library,
    'readme-embedding.ts': sectionExample(join(root, 'README.md'), EMBEDDING),
    'core-readme-embedding.ts': sectionExample(join(root, 'packages', 'core', 'README.md'), EMBEDDING),
  })

  step('the packed packages install and work')
}

try {
  await main()
} catch (error) {
  process.stderr.write(`\npack test failed: ${error.message}\n`)
  process.exitCode = 1
} finally {
  rmSync(work, { recursive: true, force: true })
}
