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
import { isCollection, isMap, isPair, isScalar, visit, type Document } from 'yaml'
import type { Point } from 'unist'
import { closestName } from './closest-name.js'
import { describeIssue, describeYamlErrors, fieldKey, fieldLabel, nestedKeys } from './front-matter-messages.js'
import { report } from './report.js'
import { readSimpleYaml } from './simple-yaml.js'
import { frontMatterKeys, frontMatterSchema, type FrontMatter } from './schema.js'
import { imageSchemes, isAllowedUrl } from './url-scheme.js'
import { firstLine, maxAliasCount, parseYaml } from './yaml.js'

/** Largest front matter block accepted, in characters. */
const maxFrontMatterLength = 64 * 1024
const allowedLanguages = new Set(['', 'yaml', 'yml'])

/** Where a front matter `quotes:` override is: its key (`q-3`, or first words) → the key's place. */
export type OverridePlaces = ReadonlyMap<string, { readonly line: number; readonly column: number }>

export type FrontMatterResult =
  | {
      readonly ok: true
      readonly data: FrontMatter
      /** Where each top-level field's value starts in the file, for messages about it in later stages. */
      readonly places: ReadonlyMap<string, Point>
      /** Where each key of the `quotes:` map is, for messages about an override (when there is a `quotes:` map). */
      readonly quotePlaces?: OverridePlaces
    }
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

/** Where the front matter block is: its language (after the opening `---`), the end of the opening fence's line, and the newline before the closing fence. */
interface FrontMatterBlock {
  readonly language: string
  readonly firstLineEnd: number
  readonly close: number
}

/**
 * Find the front matter block of `text`, or report on `file` why there is none to read:
 * no block, a language other than YAML, no closing fence, or too long a block.
 */
function findBlock(file: VFile, text: string): FrontMatterBlock | undefined {
  if (!hasFrontMatter(text)) {
    report(file, 'front-matter-type', 'Unexpected Markdown file without front matter, expected a `---` block with at least `title` and `date`', { line: 1, column: 1 })
    return undefined
  }
  const firstLineEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n')
  const language = text.slice(3, firstLineEnd).trim()
  if (!allowedLanguages.has(language.toLowerCase())) {
    report(file, 'front-matter-language', `Unexpected front matter language \`${language}\`, expected YAML (\`---\`): executable front matter is never run`, { line: 1, column: 4 })
    return undefined
  }
  const close = text.indexOf('\n---', firstLineEnd)
  if (firstLineEnd === text.length || close === -1) {
    report(file, 'front-matter-unclosed', 'Unexpected end of file in front matter, expected a closing `---` line', { line: 1, column: 1 })
    return undefined
  }
  if (close - firstLineEnd > maxFrontMatterLength) {
    report(file, 'front-matter-yaml', `Unexpected front matter of ${close - firstLineEnd} characters, expected at most ${maxFrontMatterLength}`, { line: 1, column: 1 }, 'Move long text out of the front matter into the body of the story.')
    return undefined
  }
  return { language, firstLineEnd, close }
}

/**
 * Whether the document is a set of fields that can be read as data: no YAML errors, no
 * warnings (unknown tags), a map at the top, no list or map as a key. Reports on `file`
 * what is wrong.
 *
 * @param source The YAML between the fences, starting at the newline that ends the opening one.
 */
function isReadableDocument(file: VFile, document: Document, source: string, pointAt: (offset: number) => Point): boolean {
  if (document.errors.length > 0) {
    const problem = describeYamlErrors(source, document.errors)
    if (problem) report(file, 'front-matter-yaml', problem.reason, pointAt(problem.offset), problem.hint)
    return false
  }
  for (const warning of document.warnings) {
    // An unknown tag such as `!!js/function` must not pass as a plain string.
    report(file, 'front-matter-yaml', `Unexpected YAML: ${firstLine(warning.message)}`, pointAt(warning.pos[0]), 'Remove the `!` tag before the value: front matter holds plain text, numbers, lists and fields, never typed objects.')
  }
  if (document.warnings.length > 0) return false
  if (!isMap(document.contents)) {
    report(file, 'front-matter-type', 'Unexpected front matter that is not a set of fields, expected `key: value` lines such as `title: …`', pointAt(document.contents?.range?.[0] ?? 1), 'Write each field as `name: value` at the start of its line, starting with `title:` and `date:`.')
    return false
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
    return false
  }
  return true
}

/**
 * Parse and validate the front matter of a Markdown file. Messages go onto `file`; the
 * result is `ok: false` when the article cannot be built from it.
 */
export function parseFrontMatter(file: VFile): FrontMatterResult {
  const text = String(file.value)
  const block = findBlock(file, text)
  if (block === undefined) return { ok: false }
  const { language, firstLineEnd, close } = block

  // The common case, known keys in plain `key: value` lines, without a YAML document; any
  // problem at all takes the full path below, which says where it is.
  if (language === '') {
    const simple = readSimpleYaml(text.slice(firstLineEnd, close), frontMatterKeys)
    const checked = simple === undefined ? undefined : frontMatterSchema.safeParse(simple)
    if (checked?.success) return { ok: true, data: checked.data, places: simplePlaces(text.slice(firstLineEnd + 1, close)) }
  }

  const place = location(file)
  let document: Document | undefined
  try {
    // Passing options also turns off gray-matter's cache, whose shared results are mutable.
    matter(text, {
      language: 'yaml',
      engines: {
        yaml: (source: string): object => {
          document = parseYaml(source)
          return {}
        },
        javascript: refuse,
        coffee: refuse,
        json: refuse,
      },
    })
  } catch (error) {
    // The YAML parser recurses; absurd nesting can exhaust the stack.
    report(file, 'front-matter-yaml', `Cannot parse front matter, expected YAML nested a few levels deep: ${error instanceof Error ? error.message : String(error)}`, { line: 1, column: 1 }, 'Flatten the front matter: fields, lists and the fields of `image:` or a correction need no deeper nesting.').cause = error
    return { ok: false }
  }
  // The YAML source starts at the newline that ends the opening fence.
  const base = firstLineEnd
  const pointAt = (offset: number) => place.toPoint(base + offset) ?? { line: 1, column: 1 }

  if (document === undefined) return validate(file, {}, undefined, pointAt)
  if (!isReadableDocument(file, document, text.slice(base, close), pointAt)) return { ok: false }
  let data: unknown
  try {
    data = document.toJS({ maxAliasCount })
  } catch (error) {
    // In practice the alias cap (`maxAliasCount`): the block expands far beyond its text.
    report(file, 'front-matter-yaml', `Unexpected YAML: ${error instanceof Error ? firstLine(error.message) : String(error)}`, pointAt(1), `Write the values out instead of repeating them with aliases (\`*name\`): at most ${maxAliasCount} are read.`).cause = error
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


/**
 * Where each top-level value starts, for front matter in the simple subset (`key: value`
 * lines at the start of the line, lists on the lines below their key).
 *
 * @param source The text between the fences, starting on the file's second line.
 */
function simplePlaces(source: string): Map<string, Point> {
  const places = new Map<string, Point>()
  source.split('\n').forEach((line, index) => {
    const key = /^([A-Za-z][A-Za-z0-9_]*):( *)/.exec(line)
    if (key?.[1] !== undefined && !places.has(key[1])) places.set(key[1], { line: index + 2, column: key[0].length + 1 })
  })
  return places
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

  if (document) reportUnknownKeys(file, document, pointAt)

  const result = frontMatterSchema.safeParse(withoutUnsafeImage(file, data, keyPlace))
  if (result.success) {
    const places = new Map<string, Point>()
    if (document && isMap(document.contents)) {
      for (const item of document.contents.items) {
        const start = isPair(item) && isScalar(item.key) ? ((item.value as { range?: [number, number, number] } | null)?.range?.[0] ?? item.key.range?.[0]) : undefined
        if (start !== undefined && isScalar(item.key)) places.set(String(item.key.value), pointAt(start))
      }
    }
    return { ok: true, data: result.data, places }
  }
  for (const issue of result.error.issues) {
    const problem = describeIssue(issue, data)
    report(file, problem.ruleId, problem.reason, keyPlace(problem.path), problem.hint)
  }
  return { ok: false }
}

/**
 * Warn about fields Dateline does not know, at the top level and inside the maps it reads
 * (`image:`, each correction), with the known field the name most likely misspells.
 */
function reportUnknownKeys(file: VFile, document: Document, pointAt: (offset: number) => Point): void {
  const check = (node: unknown, path: readonly PropertyKey[], known: ReadonlySet<string>): void => {
    if (!isMap(node)) return
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue
      const key = String(item.key.value)
      if (known.has(key)) continue
      const near = closestName(key, known)
      const where = path.length === 0 ? `front matter field \`${key}\`` : `field \`${key}\` in ${fieldLabel(path)}`
      const reason = near === undefined ? `Unexpected ${where}, expected one Dateline knows: it is ignored` : `Unexpected ${where}, did you mean \`${near}\`? It is ignored`
      const hint = near === undefined ? `Check the spelling; the fields are ${[...known].map((name) => `\`${name}\``).join(', ')} (see the content format in the README).` : `Rename it to \`${near}\`.`
      report(file, 'front-matter-unknown-key', reason, pointAt(item.key.range?.[0] ?? 1), hint)
    }
  }
  check(document.contents, [], frontMatterKeys)
  const image = document.get('image', true)
  check(image, ['image'], new Set(nestedKeys['image']))
  const corrections = document.get('corrections', true)
  if (isCollection(corrections) && !isMap(corrections)) {
    corrections.items.forEach((item, index) => check(item, ['corrections', index], new Set(nestedKeys[fieldKey(['corrections', 0])])))
  }
}

/**
 * The front matter without an `image:` whose address is unsafe (`javascript:`, `data:`),
 * which is reported as `url-unsafe` and dropped, as in the body: the story is published
 * without its image.
 */
function withoutUnsafeImage(file: VFile, data: unknown, keyPlace: (path: readonly PropertyKey[]) => Point): unknown {
  if (data === null || typeof data !== 'object' || !('image' in data)) return data
  const image: unknown = data.image
  const url = typeof image === 'string' ? image : image !== null && typeof image === 'object' && 'url' in image && typeof image.url === 'string' ? image.url : undefined
  if (url === undefined || isAllowedUrl(url, imageSchemes)) return data
  const shown = url.length > 80 ? `${url.slice(0, 79)}…` : url
  report(file, 'url-unsafe', `Unexpected URL \`${shown}\` for \`image\`, expected \`https:\` or a relative path: the image was dropped`, keyPlace(typeof image === 'string' ? ['image'] : ['image', 'url']))
  const { image: _dropped, ...rest } = data as Record<string, unknown>
  return rest
}
