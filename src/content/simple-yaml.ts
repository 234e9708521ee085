/**
 * A fast path for the front matter nearly every story has: `key: scalar` lines and
 * `key:` followed by `  - scalar` items, with known keys only. It gives exactly what the
 * `yaml` package's `toJS()` gives for the same source (YAML 1.2, core schema), or
 * `undefined` for anything outside that subset, and the caller then parses with `yaml`.
 * A differential test (`tests/unit/content/simple-yaml.test.ts`) holds it to the `yaml`
 * package over generated blocks.
 *
 * Why: the `yaml` package builds a full document (nodes, ranges, comments) for messages
 * to point into, about a third of a millisecond per story; a build of 10,000 stories
 * spent seconds of CPU on it.
 */

/** Characters the subset allows anywhere: printable, one line, no tabs, no byte order mark, nothing beyond the Basic Multilingual Plane. */
const unusual = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/
const keyLine = /^([A-Za-z][A-Za-z0-9_]*):(.*)$/
const itemLine = /^( +)- (.*)$/
const doubleQuoted = /^"([^"\\]*)"$/
const singleQuoted = /^'((?:[^']|'')*)'$/
/** A plain scalar's first character: a letter or digit (no indicator, no sign, no dot). */
const plainStart = /^[\p{L}\p{N}]/u
/** Plain scalars the core schema reads as something other than a string (null, numbers). */
const notAString = /^(?:~|null|Null|NULL|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/
const trueWords = new Set(['true', 'True', 'TRUE'])
const falseWords = new Set(['false', 'False', 'FALSE'])

/** A scalar in the subset: its value, or `undefined` when it is outside. */
function readScalar(text: string): string | boolean | undefined {
  if (text === '' || text.endsWith(' ')) return undefined
  const double = doubleQuoted.exec(text)
  if (double) return double[1]
  const single = singleQuoted.exec(text)
  if (single) return (single[1] as string).replaceAll("''", "'")
  if (!plainStart.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) return undefined
  if (trueWords.has(text)) return true
  if (falseWords.has(text)) return false
  return notAString.test(text) ? undefined : text
}

/**
 * Read `source` (the text between the front matter fences) when it is in the subset, with
 * every key in `keys`; `undefined` otherwise.
 */
export function readSimpleYaml(source: string, keys: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (unusual.test(source)) return undefined
  const data: Record<string, unknown> = {}
  const lines = source.split('\n')
  let found = false
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    if (line.trim() === '' || line.startsWith('#')) continue
    const pair = keyLine.exec(line)
    if (pair === null) return undefined
    const key = pair[1] as string
    const rest = pair[2] as string
    if (!keys.has(key) || Object.hasOwn(data, key)) return undefined
    found = true
    if (rest !== '') {
      if (!rest.startsWith(' ') || rest.startsWith('  ')) return undefined
      const value = readScalar(rest.slice(1))
      if (value === undefined) return undefined
      data[key] = value
      continue
    }
    // `key:` alone: a block sequence of scalars, all at one indent.
    const items: (string | boolean)[] = []
    let indent: string | undefined
    while (index + 1 < lines.length) {
      const next = lines[index + 1] as string
      if (next.trim() === '') {
        index++
        continue
      }
      const item = itemLine.exec(next)
      if (item === null) break
      if (indent !== undefined && item[1] !== indent) return undefined
      indent = item[1]
      const value = readScalar(item[2] as string)
      if (value === undefined) return undefined
      items.push(value)
      index++
    }
    if (items.length === 0) return undefined
    data[key] = items
  }
  return found ? data : undefined
}
