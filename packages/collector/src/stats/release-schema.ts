import { ITEM_SEGMENT, NAME_SEGMENT, type SchemaNode, type StringShape, walk } from '@baqup/core'
import { COMMON_NAMES, type SchemaView } from '@baqup/schemas'
import type { FastifyInstance } from 'fastify'
import semver from 'semver'
import * as z from 'zod'
import type { IsKnown } from '../server/known-versions.js'
import { Refused } from '../server/refusal.js'
import { reportView, type Views } from '../server/report-view.js'

/**
 * `GET /api/v1/schema/<version>`: the allow-list of one release, as Go publishes its upload
 * config. Exactly what the collector accepts from that release: the options whose value is sent
 * as written (with the closed set each value must belong to), the options sent masked, and the
 * maps whose entry names are sent from a names dictionary or as numbered placeholders. Derived
 * from the release's schema view, the one the collector checks the release's reports against.
 */

const shapeSchema = z
  .object({
    type: z.enum(['reference', 'qualified-name', 'one-of', 'address', 'version', 'status-code']),
    to: z.string().optional().describe('reference: the map whose entry names the value refers to'),
    orPort: z.boolean().optional(),
    implicit: z.array(z.string()).optional(),
    names: z.string().optional().describe('qualified-name: the key of its names dictionary in `dictionaries`'),
    qualifiers: z.array(z.string()).optional(),
    values: z.array(z.string()).optional().describe('one-of: the values'),
  })
  .describe('the closed shape a string value must have to be sent as written')

const exportedOption = z.object({
  path: z.string(),
  kind: z.string(),
  values: z.array(z.string()).optional().describe('an enumeration: the values sent, in this spelling'),
  shape: shapeSchema.optional(),
  since: z.string().optional().describe('the first minor release that has the option'),
  until: z.string().optional().describe('the last minor release that has it, when a later one removed it'),
})

export const releaseSchemaSchema = z
  .object({
    version: z.string().describe('the version asked for'),
    release: z.string().describe('the minor release whose schema view applies (`dev` and newer releases: the newest)'),
    newer: z
      .boolean()
      .describe('a release newer than the newest view: options this list does not know are dropped, never stored'),
    exported: z.array(exportedOption).describe('options whose value may be sent as written'),
    masked: z.array(z.string()).describe('options accepted only with their value masked'),
    maps: z
      .array(z.object({ path: z.string(), placeholder: z.string().optional(), names: z.string().optional() }))
      .describe('maps whose entry names are sent: from a dictionary (`names`), else as `<placeholder>-N`'),
    dictionaries: z.record(z.string(), z.array(z.string())).describe('the names dictionaries, by key'),
  })
  .describe("a release's allow-list")
export type ReleaseSchema = z.output<typeof releaseSchemaSchema>

/** The key of a names dictionary: `common` for the dictionary of common names, else `names-N` by first appearance. */
function dictionaryKeys() {
  const dictionaries: Record<string, string[]> = {}
  const keys = new Map<string, string>()
  const keyOf = (names: readonly string[]) => {
    const text = names.join('\n')
    let key = keys.get(text)
    if (!key) {
      key = text === COMMON_NAMES.join('\n') ? 'common' : `names-${keys.size + 1}`
      keys.set(text, key)
      dictionaries[key] = [...names]
    }
    return key
  }
  return { dictionaries, keyOf }
}

/** A shape as published: lists copied, a names dictionary by its key. */
function publishedShape(
  shape: StringShape,
  keyOf: (names: readonly string[]) => string,
): ReleaseSchema['exported'][number]['shape'] {
  if (shape.type === 'qualified-name')
    return { type: shape.type, names: keyOf(shape.names), qualifiers: [...shape.qualifiers] }
  if (shape.type === 'one-of') return { type: shape.type, values: [...shape.values] }
  if (shape.type === 'reference')
    return {
      type: shape.type,
      to: shape.to,
      ...(shape.orPort !== undefined && { orPort: shape.orPort }),
      ...(shape.implicit && { implicit: [...shape.implicit] }),
    }
  return { type: shape.type }
}

/** The allow-list of a view, walked once. */
export function allowList(view: SchemaView): Omit<ReleaseSchema, 'version' | 'newer'> {
  const exported: ReleaseSchema['exported'] = []
  const masked: string[] = []
  const maps: ReleaseSchema['maps'] = []
  const { dictionaries, keyOf } = dictionaryKeys()
  const leaf = (node: SchemaNode, path: string, sent: boolean) => {
    if (!sent) return void masked.push(path)
    const { shape } = node
    exported.push({
      path,
      kind: node.kind,
      ...(node.values && { values: [...node.values] }),
      ...(shape && { shape: publishedShape(shape, keyOf) }),
      ...(node.since && { since: node.since }),
      ...(node.until && { until: node.until }),
    })
  }
  const visit = (node: SchemaNode, path: string, sent: boolean): void => {
    switch (node.kind) {
      case 'object':
        for (const [key, child] of node.children ?? [])
          visit(child, path ? `${path}.${key}` : key, sent && child.export)
        return
      case 'map':
        if (sent && (node.names || node.placeholder))
          maps.push({
            path,
            ...(node.placeholder && { placeholder: node.placeholder }),
            ...(node.names && { names: keyOf(node.names) }),
          })
        return visit(node.item as SchemaNode, `${path}.${NAME_SEGMENT}`, sent)
      case 'list':
        return visit(node.item as SchemaNode, `${path}${ITEM_SEGMENT}`, sent)
      case 'section':
        leaf(node, path, sent)
        for (const [key, child] of node.children ?? []) visit(child, `${path}.${key}`, sent && child.export)
        return
      default:
        leaf(node, path, sent)
    }
  }
  const root = walk(view.zod)
  visit(root, '', root.export)
  return { release: view.version, exported, masked, maps, dictionaries }
}

const CACHE = 'public, max-age=3600'
const notFound = { code: 'not-found', message: 'not dev nor a release this collector knows (from 2.0 on)' }

/** The route, as a Fastify plugin. */
export async function releaseSchemaRoute(app: FastifyInstance, options: { views?: Views; known: IsKnown }) {
  const lists = new Map<SchemaView, Omit<ReleaseSchema, 'version' | 'newer'>>()
  app.get('/api/v1/schema/:version', async (request, reply) => {
    const { version } = request.params as { version: string }
    const fail = () => reply.code(404).header('cache-control', 'public, max-age=300').send({ error: notFound })
    if (version.length > 64 || (version !== 'dev' && semver.valid(version) === null)) return fail()
    let found: ReturnType<typeof reportView>
    try {
      found = reportView(version, options.views)
    } catch (error) {
      if (error instanceof Refused) return fail()
      throw error
    }
    if ((await options.known(version, { refresh: false })) !== true) return fail()
    let list = lists.get(found.view)
    if (!list) lists.set(found.view, (list = allowList(found.view)))
    return reply.header('cache-control', CACHE).send({ version, newer: found.newer, ...list })
  })
}
