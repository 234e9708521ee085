/**
 * What an editor reads when front matter is wrong: for each problem the schema or the YAML
 * parser finds, a message that names the field, says what was expected and what was
 * found, and a hint that fits the cause (a number where text was wanted is fixed by
 * quotes; a mis-indented line by lining it up).
 */
import type { core } from 'zod'
import type { RuleId } from '../model/messages.js'
import { valueAt } from './yaml.js'

/** One message about the front matter: where (a path into the data), what, and what to do. */
export interface FrontMatterProblem {
  readonly ruleId: RuleId
  readonly path: readonly PropertyKey[]
  readonly reason: string
  /** `undefined`: the rule's own hint fits. */
  readonly hint: string | undefined
}

const isoDateExpected = 'an ISO date such as `2026-09-21`, or a date-time with its offset such as `2026-09-21T14:30:00-04:00`'
const imageUrlExpected = 'an image file beside the story (`bridge.jpg`), one under the content folder (`/images/bridge.jpg`) or an `https://` address'

/**
 * What each field takes, by its path with list items as `[]`: the words after "expected".
 * Every field of the schema is here (a test holds the two together).
 */
export const fieldExpectations: Readonly<Record<string, string>> = {
  title: 'the headline as text',
  date: isoDateExpected,
  updated: isoDateExpected,
  section: 'a section name as text, such as `world`',
  tags: 'a tag or a list of tags, such as `[budget, city council]`',
  'tags[]': 'a tag as text',
  standfirst: 'the deck as text',
  summary: 'the deck as text',
  byline: 'a name or a list of names, such as `Jane Okafor` or `[Sam Whitfield, Priya Natarajan]`',
  'byline[]': 'a name as text',
  author: 'a name or a list of names, such as `Jane Okafor` or `[Sam Whitfield, Priya Natarajan]`',
  'author[]': 'a name as text',
  dateline: 'the place line as text, such as `HARBOR CITY`',
  source: 'the originating organisation as text, such as `CBS News`',
  draft: '`true` or `false`',
  sample: '`true` or `false`',
  slug: 'a URL segment such as `budget-vote`',
  pullquote: 'the id of a quote (`q-3`) or its text',
  corrections: 'a list of corrections, each with a `date` and a `text`',
  'corrections[]': 'a correction with a `date` and a `text`',
  'corrections[].date': isoDateExpected,
  'corrections[].text': 'the correction as text',
  image: `${imageUrlExpected}, or the fields \`url\`, \`alt\`, \`caption\` and \`credit\``,
  'image.url': imageUrlExpected,
  'image.alt': 'a description of the image as text, for readers who cannot see it',
  'image.caption': 'the caption as text',
  'image.credit': 'the photographer or agency as text, such as `Jane Doe/Reuters`',
  quotes: 'corrections of the quote engine, one per line: a quote’s id (`q-3`) or first words, then its speaker or `not a quote`',
  // Any key of `quotes:`: a quote's id or first words, each with its own value.
  'quotes.*': 'the speaker’s name as text, such as `Pamela Falk`, or `not a quote`',
}

/** Fields whose keys are the editor's own (a quote's id or first words): one expectation for every key. */
const freeKeyFields: ReadonlySet<string> = new Set(['quotes'])

/** The key of `fieldExpectations` for `path`: a free-keyed field's keys are all `*`. */
function expectationKey(path: readonly PropertyKey[]): string {
  const [first] = path
  return typeof first === 'string' && freeKeyFields.has(first) && path.length >= 2 ? fieldKey([first, '*', ...path.slice(2)]) : fieldKey(path)
}

/** The keys a front matter map may hold below the top level, by its path with list items as `[]`. */
export const nestedKeys: Readonly<Record<string, readonly string[]>> = {
  image: ['url', 'alt', 'caption', 'credit'],
  'corrections[]': ['date', 'text'],
}

/** `['corrections', 0, 'date']` → `corrections[].date`, the key of the tables above. */
export function fieldKey(path: readonly PropertyKey[]): string {
  return path.map((key) => (typeof key === 'number' ? '[]' : String(key))).join('.').replaceAll('.[]', '[]')
}

/** A field as an editor finds it: `tags`, `image.url`, item 2 of `tags`, `date` in item 1 of `corrections`. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  let label = ''
  for (const key of path) {
    if (typeof key === 'number') label = `item ${key + 1} of ${label}`
    else label = label === '' ? `\`${String(key)}\`` : label.startsWith('item ') ? `\`${String(key)}\` in ${label}` : `${label.slice(0, -1)}.${String(key)}\``
  }
  return label
}

function quoted(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text
  return `\`${short.replace(/`/g, "'").replace(/\s+/g, ' ')}\``
}

/** A value as the message names it: `the number \`5\``, `the text \`yes\``, `a list`. */
function describeFound(value: unknown): string {
  if (value === null) return 'an empty value'
  if (typeof value === 'number') return `the number \`${value}\``
  if (typeof value === 'boolean') return `\`${value}\``
  if (typeof value === 'string') return value.trim() === '' ? 'empty text' : `the text ${quoted(value)}`
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list'
  return 'a set of fields'
}


/** Whether the field takes text (a plain string, or a string among its forms). */
function takesText(key: string): boolean {
  return !['draft', 'sample', 'corrections', 'corrections[]', 'quotes'].includes(key)
}

/** The YAML line an editor would write for `path` set to `value`, for hints: `tags: "5"`. */
function yamlLine(path: readonly PropertyKey[], value: string): string {
  const last = [...path].reverse().find((key) => typeof key !== 'number')
  const isItem = typeof path[path.length - 1] === 'number'
  return isItem ? `"${value}"` : `${String(last)}: "${value}"`
}

/** The hint for a value of the wrong type, by what was found and what the field takes. */
function typeHint(path: readonly PropertyKey[], key: string, found: unknown): string | undefined {
  if ((typeof found === 'number' || typeof found === 'boolean') && takesText(key)) {
    return `Put the value in quotes to make it text: \`${yamlLine(path, String(found))}\`.`
  }
  if (key === 'draft' || key === 'sample') return `Write \`${String(path[0])}: true\` or \`${String(path[0])}: false\`, without quotes.`
  if (key === 'quotes') return 'Write each correction on its own line under `quotes:`, indented by two spaces: `q-3: Pamela Falk`, or `"a funny lady": not a quote`.'
  if (key === 'corrections' || key === 'corrections[]') return 'Write each correction as a list item under `corrections:`: `- date: 2026-09-22` with `text: …` on the next line, indented to line up with `date`.'
  if (key === 'date' || key === 'updated' || key.endsWith('.date')) return 'Write the date as `2026-09-21`, or as `2026-09-21T14:30:00-04:00` with the time and its offset.'
  if (found === null) return `Give \`${String(path[path.length - 1])}\` a value, or delete the line.`
  if (typeof found === 'object' && takesText(key)) return 'Write the value on the same line as its field; a nested `key: value` or `- item` line under it makes it a set of fields or a list.'
  return undefined
}

/**
 * The message for one zod issue of the front matter schema.
 *
 * @param data The front matter as parsed, to name the value that was found.
 */
export function describeIssue(issue: core.$ZodIssue, data: unknown, base: readonly PropertyKey[] = []): FrontMatterProblem {
  const path = [...base, ...issue.path]
  const key = expectationKey(path)
  const label = fieldLabel(path)
  const expected = fieldExpectations[key]
  const found = valueAt(data, path)
  if (issue.code === 'invalid_union') {
    // A union takes several forms (`tags: x` or a list): the branch of the value's own
    // type says what is wrong inside it; when none has the value's type, the field does.
    const branch = issue.errors.find((issues) => !issues.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0))
    const first = branch?.[0]
    if (first !== undefined) return describeIssue(first, data, path)
    return { ruleId: 'front-matter-type', path, reason: `Unexpected value for ${label}: expected ${expected ?? 'another form'}, found ${describeFound(found)}`, hint: typeHint(path, key, found) }
  }
  if (issue.code === 'custom') {
    const rule = (issue.params as { rule?: string } | undefined)?.rule
    if (rule === 'date-invalid' || rule === 'slug-invalid' || rule === 'url-unsafe') {
      return { ruleId: rule, path, reason: `Unexpected value for ${label}: ${issue.message}`, hint: undefined }
    }
  }
  if (issue.code === 'invalid_type') {
    if (found === undefined) {
      const example = key === 'date' ? 'date: 2026-09-21' : key === 'image.alt' ? 'alt: Two cyclists on the old bridge at dawn' : `${String(path[path.length - 1])}: …`
      return { ruleId: 'front-matter-type', path, reason: `Missing front matter field ${label}, expected ${expected ?? 'it to be set'}`, hint: `Add a line \`${example}\`${path.length > 1 ? ` under \`${String(path[0])}:\`` : ''}.` }
    }
    return { ruleId: 'front-matter-type', path, reason: `Unexpected value for ${label}: expected ${expected ?? issue.expected}, found ${describeFound(found)}`, hint: typeHint(path, key, found) }
  }
  if (issue.code === 'too_small') {
    const isList = issue.origin === 'array'
    return {
      ruleId: 'front-matter-type',
      path,
      reason: `Unexpected value for ${label}: expected ${expected ?? 'a value'}, found ${isList ? 'an empty list' : 'empty text'}`,
      hint: isList ? `List at least one item under \`${String(path[path.length - 1])}\`, or delete the field.` : `Give ${label} a value, or delete the line.`,
    }
  }
  return { ruleId: 'front-matter-type', path, reason: `Unexpected value for ${label}: ${issue.message}${expected ? `, expected ${expected}` : ''}`, hint: undefined }
}

/** A YAML syntax error as the `yaml` package gives it. */
interface YamlError {
  readonly code: string
  readonly message: string
  /** Offsets into the YAML source: where the error starts and ends. */
  readonly pos: readonly [number, number]
}

/** A YAML problem placed in the YAML source: the offset to point at and the message. */
export interface YamlProblem {
  readonly offset: number
  readonly reason: string
  readonly hint: string
}

/** Errors the `yaml` package gives for a line indented more or less than its neighbours. */
const indentationCodes = new Set(['BAD_INDENT', 'MULTILINE_IMPLICIT_KEY', 'BLOCK_AS_IMPLICIT_KEY', 'TAB_AS_INDENT', 'MISSING_CHAR'])

const indentationHint =
  'Start every field at the beginning of its line; indent list items (`- …`) and the fields under `image:` or a correction by the same number of spaces as the others at their level. Use spaces, not tabs.'

/**
 * The one message for a block of front matter with YAML errors. The `yaml` package gives
 * several errors for one mistake (a mis-indented line makes the line above it a
 * multi-line key, a nested map and a key without a value: three or four errors, some
 * worded alike), and after a syntax error its reading of the rest is a guess, so only the
 * first mistake is reported, at the line that makes it.
 *
 * @param source The YAML text between the fences (offsets in `errors` point into it).
 */
export function describeYamlErrors(source: string, errors: readonly YamlError[]): YamlProblem | undefined {
  const first = [...errors].sort((a, b) => a.pos[0] - b.pos[0])[0]
  if (first === undefined) return undefined
  const lineStart = (offset: number): number => source.lastIndexOf('\n', offset - 1) + 1
  const lineText = (start: number): string => source.slice(start, source.indexOf('\n', start) === -1 ? source.length : source.indexOf('\n', start))
  const firstMessage = first.message.split('\n')[0] ?? first.message

  if (first.code === 'DUPLICATE_KEY') {
    const key = /^\s*([^:#]+?)\s*:/.exec(lineText(lineStart(first.pos[0])))?.[1]
    return {
      offset: first.pos[0],
      reason: `Unexpected second \`${key ?? 'field'}\` in the front matter, expected each field once`,
      hint: `Keep one \`${key ?? 'field'}:\` line and delete the other.`,
    }
  }
  if (first.code === 'TAB_AS_INDENT') {
    return { offset: lineStart(first.pos[0]), reason: 'Unexpected tab in the indentation of the front matter, expected spaces', hint: 'Indent with spaces; YAML does not allow tabs there.' }
  }
  if (first.code === 'MISSING_CHAR' && /quote/i.test(firstMessage)) {
    return { offset: first.pos[0], reason: `Unexpected end of a quoted value, expected a closing quotation mark (${firstMessage})`, hint: 'Close the quotation mark on the same line, or write the value without quotes.' }
  }
  if (first.code === 'BAD_SCALAR_START') {
    return { offset: first.pos[0], reason: `Unexpected character at the start of a value: ${firstMessage}`, hint: 'Put the value in quotes: `field: "@value"`.' }
  }
  if (indentationCodes.has(first.code)) {
    // The mistake is the first indented line from the error on: the error itself often
    // points at the value on the line above (`title: A` when ` date:` below is indented).
    const end = Math.max(...errors.map((error) => error.pos[1]), first.pos[1])
    for (let start = lineStart(first.pos[0]); start <= end && start < source.length; ) {
      const text = lineText(start)
      if (/^[ \t]+\S/.test(text)) {
        return {
          offset: start,
          reason: `Unexpected indentation before ${quoted(text.trim())}, expected it to line up with the ${/^\s*-/.test(text) ? 'list items' : 'fields'} at its level`,
          hint: indentationHint,
        }
      }
      start += text.length + 1
    }
    if (first.code === 'BLOCK_AS_IMPLICIT_KEY') {
      // No indented line: a second `: ` inside a value (`title: Budget: the vote`).
      const text = lineText(lineStart(first.pos[0]))
      const key = /^\s*([^:#]+?)\s*:/.exec(text)?.[1] ?? 'field'
      return { offset: first.pos[0], reason: `Unexpected \`: \` inside the value of \`${key}\`, expected it to end the field name only`, hint: `Put the value in quotes: \`${key}: "${text.slice(text.indexOf(':') + 1).trim().replace(/"/g, '\\"')}"\`.` }
    }
  }
  return { offset: first.pos[0], reason: `Unexpected YAML: ${firstMessage}`, hint: 'Fix the YAML at the position shown; quote values that contain `: `, ` #` or start with a special character.' }
}
