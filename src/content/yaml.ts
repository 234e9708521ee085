/**
 * How untrusted YAML is read, one way for front matter and the people file: the `yaml`
 * package's 1.2 core schema, unique keys, no merge keys, no custom tags (they are warnings
 * the callers refuse), a cap on aliases, and nothing ever evaluated.
 */
import { parseDocument, type Document } from 'yaml'

/** Aliases allowed in one document: enough for honest reuse, far too few for an alias bomb. */
export const maxAliasCount = 32

/**
 * Parse a YAML document without turning it into values yet (`document.toJS({ maxAliasCount })`
 * does that). Errors and warnings are on the document; absurd nesting can still throw
 * (the parser recurses), which the caller reports.
 */
export function parseYaml(source: string): Document {
  return parseDocument(source, { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, prettyErrors: false, logLevel: 'error' })
}

/** The first line of a parser's message (the `yaml` package adds a code excerpt below it). */
export function firstLine(message: string): string {
  return message.split('\n')[0] ?? message
}

/** The value at `path` inside plain parsed data (`['image', 'url']`, `[2, 'aliases', 0]`), or undefined. */
export function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
