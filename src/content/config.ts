/**
 * The site configuration: trusted (it is the newsroom's own file), but still validated so a
 * typo is a clear message rather than a broken site.
 */
import { parse as parseJsonTree, type MemberNode, type ValueNode } from '@humanwhocodes/momoa'
import type { Point } from 'unist'
import type { VFile } from 'vfile'
import { z } from 'zod'
import type { SiteConfig } from '../model/site.js'
import { DEFAULT_PUBLISH_THRESHOLD } from '../quotes/policy.js'
import { closestName } from './closest-name.js'
import { report } from './report.js'

/**
 * The origin of every absolute URL when the configuration names none: right for `dateline
 * dev`, which serves there, and wrong for any published site (see `publishWarnings`).
 */
export const previewBaseUrl = 'http://localhost:8080'

/** A path segment of the base path: URL-safe characters, and never `.` or `..`, which would climb out of it. */
const basePath = z
  .string()
  .regex(/^\/(?:(?!\.\.?\/)[A-Za-z0-9._~-]+\/)*$/, 'expected a path that starts and ends with `/`, such as `/` or `/news/`, without `.` or `..` segments')

/**
 * The publisher's logo reaches JSON-LD and every feed, where a reader follows it: an
 * `http:`/`https:` URL with a host, or a path the site serves under its base path
 * (`/logo.png`, `img/logo.png`). No other scheme (`javascript:`, `data:`), no
 * protocol-relative `//host`, no `.`/`..` segments, backslashes, spaces or controls.
 */
export function isPublisherLogo(value: string): boolean {
  if (/[\s\\\u0000-\u001f\u007f]/.test(value)) return false
  if (/^https?:\/\//i.test(value)) {
    try {
      return new URL(value).hostname !== ''
    } catch {
      // Not a URL at all: refused with the message below.
      return false
    }
  }
  const pathPart = value.split(/[?#]/, 1)[0] ?? ''
  // A colon before the first slash would make a browser read a scheme (`javascript:`).
  if (/^[^/]*:/.test(pathPart) || value.startsWith('//') || !/[^/]/.test(pathPart)) return false
  return pathPart.split('/').every((segment) => segment !== '.' && segment !== '..')
}

export const configSchema = z.strictObject({
  title: z.string().min(1).default('Dateline'),
  description: z.string().default('News, built with Dateline.'),
  baseUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')).default(previewBaseUrl),
  basePath: basePath.default('/'),
  language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as `en` or `en-US`').default('en'),
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone })
        return true
      } catch {
        // Intl throws RangeError for an unknown zone; that is exactly the answer sought.
        return false
      }
    }, 'expected an IANA time zone such as `America/New_York`')
    .default('UTC'),
  publisher: z.string().min(1).default('Dateline'),
  pageSize: z.int().min(1, 'expected at least 1 story per page').max(500, 'expected at most 500 stories per page').default(10),
  sectionOrder: z.array(z.string().min(1)).default([]),
  publisherLogo: z.string().refine(isPublisherLogo, 'expected an `http:` or `https:` URL, or a path under the base path such as `/logo.png`').optional(),
  twitterSite: z.string().regex(/^@\w{1,15}$/, 'expected a handle such as `@gazette`').optional(),
  attribution: z
    .strictObject({
      threshold: z
        .number('expected a number from 0 to 1')
        .min(0, 'expected a confidence from 0 to 1')
        .max(1, 'expected a confidence from 0 to 1')
        .default(DEFAULT_PUBLISH_THRESHOLD),
    })
    .default({ threshold: DEFAULT_PUBLISH_THRESHOLD }),
})

/** The name of the configuration file, looked up in the project folder. */
export const configFileName = 'dateline.config.json'

/** One problem with the configuration: the key it is about, and what to say. */
export interface ConfigProblem {
  readonly ruleId: 'config-unknown-key' | 'config-invalid'
  /** Path to the key (`[]`: the file as a whole). */
  readonly path: readonly PropertyKey[]
  readonly reason: string
  /** `undefined`: the rule's own hint fits. */
  readonly hint: string | undefined
}

export type ConfigResult =
  | { readonly ok: true; readonly config: SiteConfig }
  | {
      readonly ok: false
      /** Each problem's message. */
      readonly problems: readonly string[]
      readonly issues: readonly ConfigProblem[]
    }

/** What each key takes, for messages about a value of the wrong type, and an example for the hint. */
const keyForms: Readonly<Record<string, { readonly expected: string; readonly example: string }>> = {
  title: { expected: 'the site name as text', example: '"title": "The Harbor Gazette"' },
  description: { expected: 'a one-line description as text', example: '"description": "Harbor City news, in brief."' },
  baseUrl: { expected: 'the origin the site is served from, with `https://` (or `http://`)', example: '"baseUrl": "https://gazette.example.org"' },
  basePath: { expected: 'a path that starts and ends with `/`, such as `/` or `/news/`', example: '"basePath": "/news/"' },
  language: { expected: 'a language tag such as `en` or `en-US`', example: '"language": "en-US"' },
  timeZone: { expected: 'an IANA time zone such as `America/New_York`', example: '"timeZone": "America/New_York"' },
  publisher: { expected: 'the publisher’s name as text', example: '"publisher": "Harbor Gazette Media"' },
  pageSize: { expected: 'a whole number of stories per page, from 1 to 500', example: '"pageSize": 10' },
  sectionOrder: { expected: 'a list of section names', example: '"sectionOrder": ["world", "politics"]' },
  publisherLogo: { expected: 'a logo URL, absolute or a path under the base path', example: '"publisherLogo": "/images/logo.png"' },
  twitterSite: { expected: 'a handle such as `@gazette`', example: '"twitterSite": "@gazette"' },
  attribution: { expected: 'the publication policy for attributions, an object such as `{"threshold": 0.9}`', example: '"attribution": { "threshold": 0.9 }' },
  'attribution.threshold': { expected: 'the confidence a speaker needs to be shown, a number from 0 to 1', example: '"attribution": { "threshold": 0.9 }' },
}

/** The keys the object at `path` of the configuration takes (`[]`: the top level; `['attribution']`: its keys). */
function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = configSchema
  for (const step of path) {
    // Look through `.default()` and `.optional()` to the object the key names.
    let inner: z.ZodType = schema
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType
    if (!(inner instanceof z.ZodObject)) return []
    const next: z.ZodType | undefined = (inner.shape as Record<string, z.ZodType>)[String(step)]
    if (next === undefined) return []
    schema = next
  }
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
}

function describeJson(value: unknown): string {
  if (value === null) return '`null`'
  if (typeof value === 'string') return `the text \`${value.length > 60 ? `${value.slice(0, 59)}…` : value}\``
  if (typeof value === 'number' || typeof value === 'boolean') return `\`${value}\``
  return Array.isArray(value) ? 'a list' : 'an object'
}

/** Validate parsed configuration data (`{}` when there is no file) into a `SiteConfig`. */
export function resolveConfig(data: unknown): ConfigResult {
  const result = configSchema.safeParse(data)
  if (result.success) return { ok: true, config: result.data }
  const issues = result.error.issues.flatMap((issue): ConfigProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      // A key of a nested object (`attribution.thresold`) is matched against that object's keys.
      const known = keysAt(issue.path)
      const where = issue.path.length === 0 ? configFileName : `\`${issue.path.map(String).join('.')}\` of ${configFileName}`
      return issue.keys.map((key) => {
        const near = closestName(key, known)
        return {
          ruleId: 'config-unknown-key',
          path: [...issue.path, key],
          reason: near === undefined ? `Unexpected key \`${key}\` in ${where}, expected one Dateline knows` : `Unexpected key \`${key}\` in ${where}, did you mean \`${near}\`?`,
          hint: near === undefined ? `Remove it, or use one of ${known.map((name) => `\`${name}\``).join(', ')} (see Configuration in the README).` : `Rename it to \`${near}\`.`,
        }
      })
    }
    if (issue.path.length === 0) {
      return [{ ruleId: 'config-invalid', path: [], reason: `Unexpected ${describeJson(data)} in ${configFileName}, expected an object of settings such as \`{"title": "The Harbor Gazette"}\``, hint: 'Put the settings between `{` and `}`, each as `"key": value`.' }]
    }
    // The form of the key itself (`attribution.threshold`), else of the top-level key it is in.
    const form = keyForms[issue.path.map(String).join('.')] ?? keyForms[String(issue.path[0])]
    const found = issue.path.reduce<unknown>((value, step) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[step] : undefined), data)
    // The schema's own words when it has them (`expected at least 1 story per page`), else what the key takes.
    const expectation = issue.message.startsWith('expected') ? issue.message : `expected ${form?.expected ?? issue.message}, found ${describeJson(found)}`
    return [{ ruleId: 'config-invalid', path: issue.path, reason: `Unexpected value for \`${issue.path.map(String).join('.')}\` in ${configFileName}: ${expectation}`, hint: form === undefined ? undefined : `Write it as \`${form.example}\`.` }]
  })
  return { ok: false, problems: issues.map((issue) => issue.reason), issues }
}

/**
 * Read the configuration from its file: JSON, then the schema. Every problem is a message
 * on `file` at its key (`config-json`, `config-unknown-key`, `config-invalid`).
 *
 * @returns The configuration, or `undefined` when the file has an error.
 */
export function configFromFile(file: VFile): SiteConfig | undefined {
  if (file.messages.some((message) => message.fatal === true)) return undefined
  const text = String(file.value)
  let data: unknown
  let tree: ValueNode | undefined
  try {
    tree = parseJsonTree(text, { mode: 'json' }).body
    data = JSON.parse(text) as unknown
  } catch (error) {
    // momoa says where JSON stops being JSON; JSON.parse only agrees that it does.
    const place = error !== null && typeof error === 'object' && 'line' in error && 'column' in error ? { line: Number(error.line), column: Number(error.column) } : { line: 1, column: 1 }
    const detail = error instanceof Error ? jsonErrorWords(error.message) : String(error)
    report(file, 'config-json', `Unexpected content in ${configFileName}, expected JSON: ${detail}`, place).cause = error
    return undefined
  }
  const resolved = resolveConfig(data)
  if (resolved.ok) return resolved.config
  for (const issue of resolved.issues) report(file, issue.ruleId, issue.reason, placeOf(tree, issue.path), issue.hint)
  return undefined
}

const tokenNames: Readonly<Record<string, string>> = { LBrace: '`{`', RBrace: '`}`', LBracket: '`[`', RBracket: '`]`', Comma: '`,`', Colon: '`:`', String: 'text', Number: 'a number', Boolean: '`true` or `false`', Null: '`null`' }

/** momoa's `Unexpected token RBrace found. (3:1)` as `unexpected \`}\``. */
function jsonErrorWords(message: string): string {
  const token = /^Unexpected token (\w+) found/.exec(message)?.[1]
  if (token !== undefined) return `unexpected ${tokenNames[token] ?? token}`
  return message.replace(/\s*\(\d+:\d+\)$/, '').replace(/\.$/, '').replace(/^Unexpected/, 'unexpected')
}

/** Where the key at `path` is in the JSON tree: its name for an object member, else its value; the deepest that exists. */
function placeOf(tree: ValueNode | undefined, path: readonly PropertyKey[]): Point {
  let node: ValueNode | undefined = tree
  let place: Point = tree?.loc.start ?? { line: 1, column: 1 }
  for (const step of path) {
    if (node?.type === 'Object') {
      const member: MemberNode | undefined = node.members.find((candidate) => (candidate.name.type === 'String' ? candidate.name.value : candidate.name.name) === String(step))
      if (member === undefined) break
      place = member.name.loc.start
      node = member.value
    } else if (node?.type === 'Array' && typeof step === 'number') {
      const element = node.elements[step]
      if (element === undefined) break
      place = element.value.loc.start
      node = element.value
    } else {
      break
    }
  }
  return { line: place.line, column: place.column }
}

/**
 * Warnings for a build meant to be published: settings left at a default that only suits a
 * local preview. Each names the key, what its absence does and how to set it.
 *
 * @param data The parsed configuration file (`{}` when there is none), as given to `resolveConfig`.
 */
export function publishWarnings(data: unknown): string[] {
  const given = typeof data === 'object' && data !== null && Object.hasOwn(data, 'baseUrl')
  if (given) return []
  return [
    `${configFileName}  warning  Missing \`baseUrl\` in ${configFileName}: canonical links, og:url, JSON-LD, feeds, sitemaps and robots.txt all point at ${previewBaseUrl}, expected the address the site is published at\n` +
      `    hint: Add "baseUrl": "https://news.example.org" (the site's origin; a subfolder goes in "basePath"), see Deployment in the README.`,
  ]
}
