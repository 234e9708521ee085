/**
 * Front matter: gray-matter finds and splits the block, the `yaml` package parses it
 * (1.2 core schema, unique keys, no merge keys, capped aliases), the zod schema validates
 * it. Every problem becomes a message at the offending key; nothing is ever evaluated.
 * Blocks of plain `key: value` lines skip gray-matter and the YAML document for a reader
 * of that subset proven equal to it (`simple-yaml.ts`).
 */
import matter from 'gray-matter'
import { location } from 'vfile-location'
import type { VFile } from 'vfile'
import { isCollection, isMap, isPair, isScalar, parseDocument, visit, type Document } from 'yaml'
import { report } from './report.js'
import { readSimpleYaml } from './simple-yaml.js'
import { frontMatterKeys, frontMatterSchema, type FrontMatter } from './schema.js'

/** Largest front matter block accepted, in characters. */
const maxFrontMatterLength = 64 * 1024
/** Aliases allowed in one block: enough for honest reuse, far too few for an alias bomb. */
const maxAliasCount = 32
const allowedLanguages = new Set(['', 'yaml', 'yml'])

/** Where a front matter `quotes:` override is: its key (`q-3`, or first words) → the key's place. */
export type OverridePlaces = ReadonlyMap<string, { readonly line: number; readonly column: number }>

export type FrontMatterResult =
  | { readonly ok: true; readonly data: FrontMatter; readonly quotePlaces?: OverridePlaces }
  | { readonly ok: false }

/**
 * Whether `text` opens with a front matter fence (`---` alone, or followed by a language
 * name). A thematic break of four or more dashes is not a fence.
 */
export function hasFrontMatter(text: string): boolean {
  return text.startsWith('---') && text.charAt(3) !== '-'
}

/**
 * Offset where the body starts: the end of the front matter's closing fence line, `0`
 * without front matter, the end of the text when the block is never closed.
 */
export function frontMatterEnd(text: string): number {
  if (!hasFrontMatter(text)) return 0
  const close = text.indexOf('\n---', text.indexOf('\n'))
  if (close === -1) return text.length
  const lineEnd = text.indexOf('\n', close + 1)
  return lineEnd === -1 ? text.length : lineEnd
}

function refuse(): never {
  // Reached only if the language check below were bypassed: gray-matter's default
  // `javascript` engine calls eval, so every non-YAML engine is replaced by this.
  throw new Error('Cannot parse front matter in a language other than YAML')
}

/**
 * Parse and validate the front matter of a Markdown file. Messages go onto `file`; the
 * result is `ok: false` when the article cannot be built from it.
 */
export function parseFrontMatter(file: VFile): FrontMatterResult {
  const text = String(file.value)
  if (!hasFrontMatter(text)) {
    report(file, 'front-matter-type', 'Unexpected Markdown file without front matter, expected a `---` block with at least `title` and `date`', { line: 1, column: 1 })
    return { ok: false }
  }
  const firstLineEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')
  const language = text.slice(3, firstLineEnd).trim()
  if (!allowedLanguages.has(language.toLowerCase())) {
    report(file, 'front-matter-language', `Unexpected front matter language \`${language}\`, expected YAML (\`---\`): executable front matter is never run`, { line: 1, column: 4 })
    return { ok: false }
  }
  const close = text.indexOf('\n---', firstLineEnd)
  if (firstLineEnd === text.length || close === -1) {
    report(file, 'front-matter-unclosed', 'Unexpected end of file in front matter, expected a closing `---` line', { line: 1, column: 1 })
    return { ok: false }
  }
  if (close - firstLineEnd > maxFrontMatterLength) {
    report(file, 'front-matter-yaml', `Unexpected front matter of ${close - firstLineEnd} characters, expected at most ${maxFrontMatterLength}`, { line: 1, column: 1 })
    return { ok: false }
  }

  // The common case, known keys in plain `key: value` lines, without a YAML document; any
  // problem at all takes the full path below, which says where it is.
  if (language === '') {
    const simple = readSimpleYaml(text.slice(firstLineEnd, close), frontMatterKeys)
    const checked = simple === undefined ? undefined : frontMatterSchema.safeParse(simple)
    if (checked?.success) return { ok: true, data: checked.data }
  }

  const place = location(file)
  let document: Document | undefined
  try {
    // Passing options also turns off gray-matter's cache, whose shared results are mutable.
    matter(text, {
      language: 'yaml',
      engines: {
        yaml: (source: string): object => {
          document = parseDocument(source, { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, prettyErrors: false, logLevel: 'error' })
          return {}
        },
        javascript: refuse,
        coffee: refuse,
        json: refuse,
      },
    })
  } catch (error) {
    // The YAML parser recurses; absurd nesting can exhaust the stack.
    report(file, 'front-matter-yaml', `Cannot parse front matter: ${error instanceof Error ? error.message : String(error)}`, { line: 1, column: 1 }).cause = error
    return { ok: false }
  }
  // The YAML source starts at the newline that ends the opening fence.
  const base = firstLineEnd
  const pointAt = (offset: number) => place.toPoint(base + offset) ?? { line: 1, column: 1 }

  if (document === undefined) return validate(file, {}, undefined, pointAt)
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      report(file, 'front-matter-yaml', `Unexpected YAML: ${firstLine(error.message)}`, pointAt(error.pos[0]))
    }
    return { ok: false }
  }
  for (const warning of document.warnings) {
    // An unknown tag such as `!!js/function` must not pass as a plain string.
    report(file, 'front-matter-yaml', `Unexpected YAML: ${firstLine(warning.message)}`, pointAt(warning.pos[0]))
  }
  if (document.warnings.length > 0) return { ok: false }
  if (!isMap(document.contents)) {
    report(file, 'front-matter-type', 'Unexpected front matter that is not a set of `key: value` fields', pointAt(document.contents?.range?.[0] ?? 1))
    return { ok: false }
  }
  // A list or map as a key (`? [a, b]`) has no plain-object form: the yaml package would
  // turn it into text and print a process warning of its own, outside our messages.
  let collectionKey: { range?: readonly [number, number, number] | null | undefined } | undefined
  visit(document, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return undefined
      collectionKey = pair.key
      return visit.BREAK
    },
  })
  if (collectionKey !== undefined) {
    report(file, 'front-matter-yaml', 'Unexpected YAML key that is a list or a map, expected a plain field name', pointAt(collectionKey.range?.[0] ?? 0))
    return { ok: false }
  }
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount })
  } catch (error) {
    report(file, 'front-matter-yaml', `Unexpected YAML: ${error instanceof Error ? firstLine(error.message) : String(error)}`, pointAt(1)).cause = error
    return { ok: false }
  }
  const validated = validate(file, data, document, pointAt)
  return validated.ok && validated.data.quotes !== undefined ? { ...validated, quotePlaces: quotePlaces(document, pointAt) } : validated
}

/** The place of each key of the `quotes:` map, for messages about an override. */
function quotePlaces(document: Document, pointAt: (offset: number) => { line: number; column: number }): OverridePlaces {
  const places = new Map<string, { line: number; column: number }>()
  const map: unknown = document.get('quotes', true)
  if (!isMap(map)) return places
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue
    places.set(String(item.key.value), pointAt(item.key.range?.[0] ?? 0))
  }
  return places
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

function validate(
  file: VFile,
  data: unknown,
  document: Document | undefined,
  pointAt: (offset: number) => { line: number; column: number },
): FrontMatterResult {
  const keyPlace = (path: readonly PropertyKey[]) => {
    // The deepest node on the path that exists: a missing key points at its parent.
    for (let depth = path.length; depth > 0 && document; depth--) {
      const node: unknown = document.getIn(path.slice(0, depth), true)
      if (isScalar(node) || isMap(node) || (node && typeof node === 'object' && 'range' in node)) {
        const range = (node as { range?: [number, number, number] | null }).range
        if (range) return pointAt(range[0])
      }
    }
    return { line: 1, column: 1 }
  }

  if (document && isMap(document.contents)) {
    for (const item of document.contents.items) {
      if (!isPair(item) || !isScalar(item.key)) continue
      const key = String(item.key.value)
      if (!frontMatterKeys.has(key)) {
        report(file, 'front-matter-unknown-key', `Unexpected front matter field \`${key}\`, expected one of ${[...frontMatterKeys].map((k) => `\`${k}\``).join(', ')}`, pointAt(item.key.range?.[0] ?? 1))
      }
    }
  }

  const result = frontMatterSchema.safeParse(data)
  if (result.success) return { ok: true, data: result.data }
  for (const issue of result.error.issues) {
    const path = issue.path
    const field = path.map(String).join('.')
    const rule = issue.code === 'custom' ? (issue as { params?: { rule?: string } }).params?.rule : undefined
    const missing = issue.code === 'invalid_type' && readPath(data, path) === undefined
    const reason = missing
      ? `Missing front matter field \`${field}\`, expected it to be set`
      : `Unexpected value for \`${field}\`: ${issue.message}`
    report(file, rule === 'date-invalid' || rule === 'slug-invalid' ? rule : 'front-matter-type', reason, keyPlace(path))
  }
  return { ok: false }
}

function readPath(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
