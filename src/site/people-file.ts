/**
 * The site's people file, `content/people.yml`: who is who across stories, kept by the
 * newsroom (README, Quote engine). A YAML list of people:
 *
 * ```yaml
 * - name: Hillary Rodham Clinton        # the name of their page
 *   role: U.S. Secretary of State        # shown first on their page
 *   aliases: [Hillary Clinton, HRC]      # other names that are the same person
 * - name: John Q. Smith
 *   distinct: [John Smith]               # names that are someone else, never merged
 * ```
 *
 * Read like front matter: YAML 1.2 core schema, unique keys, no custom tags, few aliases,
 * nothing evaluated. Every problem is a message at its line and column; a file with any
 * problem is not used at all (the site is built as without it), so a half-read file never
 * merges people it was not meant to.
 */
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import { isMap, isPair, isScalar, type Document, type Node } from 'yaml'
import { z } from 'zod'
import type { PeopleDirectory, PeopleFileEntry } from '../model/speakers.js'
import { report } from '../content/report.js'
import { firstLine, maxAliasCount, parseYaml, valueAt } from '../content/yaml.js'
import { nameKey } from './speakers.js'


const name = z
  .string('expected a name as text')
  .trim()
  .min(1, 'expected a name')
  .refine((value) => nameKey(value) !== '', 'expected a name of words, not only a title')
const names = z.union([name.transform((value) => [value]), z.array(name)], 'expected a name or a list of names')

const entrySchema = z.strictObject({
  name,
  role: z.string('expected a role as text').trim().min(1, 'expected a role').optional(),
  aliases: names.optional(),
  distinct: names.optional(),
})

const fileSchema = z.array(entrySchema, 'expected a list of people, each `- name: …`')

type Point = { readonly line: number; readonly column: number }

/**
 * Read a loaded people file. Problems are messages on `file`.
 *
 * @returns The directory, or `undefined` when the file has any problem.
 */
export function readPeopleFile(file: VFile): PeopleDirectory | undefined {
  if (file.data.unreadable === true) return undefined
  const text = String(file.value)
  const place = location(file)
  const pointAt = (offset: number): Point => place.toPoint(offset) ?? { line: 1, column: 1 }
  let document: Document
  try {
    document = parseYaml(text)
  } catch (error) {
    // The YAML parser recurses; absurd nesting can exhaust the stack.
    report(file, 'people-file-yaml', `Cannot parse the people file: ${error instanceof Error ? firstLine(error.message) : String(error)}`, { line: 1, column: 1 })
    return undefined
  }
  const problems = [...document.errors, ...document.warnings]
  for (const problem of problems) report(file, 'people-file-yaml', `Unexpected YAML: ${firstLine(problem.message)}`, pointAt(problem.pos[0]))
  if (problems.length > 0) return undefined
  if (document.contents === null) return { people: [] }
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount })
  } catch (error) {
    report(file, 'people-file-yaml', `Unexpected YAML: ${error instanceof Error ? firstLine(error.message) : String(error)}`, { line: 1, column: 1 })
    return undefined
  }
  const nodeAt = (path: readonly PropertyKey[]): Point => {
    // The deepest node on the path that exists: a missing key points at its parent.
    for (let depth = path.length; depth >= 0; depth--) {
      const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true)
      const range = (node as Node | undefined)?.range
      if (range) return pointAt(range[0])
    }
    return { line: 1, column: 1 }
  }
  const result = fileSchema.safeParse(data)
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path
      const field = describePath(path)
      const reason =
        issue.code === 'unrecognized_keys'
          ? `Unexpected field ${issue.keys.map((key) => `\`${key}\``).join(', ')} in ${field}, expected \`name\`, \`role\`, \`aliases\` or \`distinct\``
          : issue.code === 'invalid_type' && valueAt(data, path) === undefined
            ? `Missing \`${String(path[path.length - 1])}\` in ${describePath(path.slice(0, -1))}, expected it to be set`
            : `Unexpected value for ${field}: ${issue.message}`
      report(file, 'people-file-type', reason, issue.code === 'unrecognized_keys' ? keyAt(document, path, issue.keys[0], nodeAt, pointAt) : nodeAt(path))
    }
    return undefined
  }
  const people: PeopleFileEntry[] = result.data.map((entry) => ({
    name: entry.name,
    ...(entry.role === undefined ? {} : { role: entry.role }),
    aliases: entry.aliases ?? [],
    distinct: entry.distinct ?? [],
  }))
  return hasConflicts(file, people, nodeAt) ? undefined : { people }
}

/** Reports every name given to two entries, and every entry distinct from its own name; whether there was any. */
function hasConflicts(file: VFile, people: readonly PeopleFileEntry[], nodeAt: (path: readonly PropertyKey[]) => Point): boolean {
  const owner = new Map<string, { readonly index: number; readonly name: string }>()
  let found = false
  const namesOf = (entry: PeopleFileEntry, index: number): { readonly name: string; readonly path: readonly PropertyKey[] }[] => [
    { name: entry.name, path: [index, 'name'] },
    // A single name written without a list (`aliases: HRC`) has no item node: `nodeAt` then points at the field.
    ...entry.aliases.map((alias, at) => ({ name: alias, path: [index, 'aliases', at] })),
  ]
  people.forEach((entry, index) => {
    const own = new Set<string>()
    for (const { name, path } of namesOf(entry, index)) {
      const key = nameKey(name)
      const earlier = owner.get(key)
      if (earlier !== undefined && earlier.index !== index) {
        report(file, 'people-file-conflict', `Unexpected name \`${name}\` for a second person: it is already \`${earlier.name}\` (person ${earlier.index + 1})`, nodeAt(path))
        found = true
      }
      if (earlier === undefined) owner.set(key, { index, name: entry.name })
      own.add(key)
    }
    entry.distinct.forEach((name, at) => {
      if (!own.has(nameKey(name))) return
      report(file, 'people-file-conflict', `Unexpected distinct name \`${name}\` for \`${entry.name}\`: it is one of their own names`, nodeAt([index, 'distinct', at]))
      found = true
    })
  })
  return found
}

/** The place of the key `key` in the map at `path`, else of the map. */
function keyAt(document: Document, path: readonly PropertyKey[], key: string | undefined, nodeAt: (path: readonly PropertyKey[]) => Point, pointAt: (offset: number) => Point): Point {
  const map: unknown = path.length === 0 ? document.contents : document.getIn(path, true)
  if (isMap(map)) {
    for (const item of map.items) {
      if (isPair(item) && isScalar(item.key) && String(item.key.value) === key && item.key.range) return pointAt(item.key.range[0])
    }
  }
  return nodeAt(path)
}

/** `person 2` or `` `aliases` of person 2 ``: where in the file a problem is, as an editor counts. */
function describePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the people file'
  const [index, field, at] = path
  const person = typeof index === 'number' ? `person ${index + 1}` : String(index)
  if (field === undefined) return person
  return at === undefined ? `\`${String(field)}\` of ${person}` : `\`${String(field)}\` item ${Number(at) + 1} of ${person}`
}


