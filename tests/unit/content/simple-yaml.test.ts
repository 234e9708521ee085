import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { readSimpleYaml } from '../../../src/content/simple-yaml.js'
import { frontMatterKeys } from '../../../src/content/schema.js'

/** What the full path reads from `source`: its data, or `undefined` when YAML reports anything. */
function fullRead(source: string): unknown {
  const document = parseDocument(source, { version: '1.2', schema: 'core', uniqueKeys: true, merge: false, prettyErrors: false, logLevel: 'error' })
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined
  return document.toJS({ maxAliasCount: 32 })
}

describe('readSimpleYaml (fast path for plain front matter)', () => {
  it('should read the front matter of a typical story as the yaml package does', () => {
    const source = '\ntitle: "Grigsby calls reopening “a matter of basic fairness”"\ndate: 2025-06-09T22:27:00Z\nauthor: \'Isolde O\'\'Neill\'\nsection: Culture\ntags:\n  - "retail"\n  - elections\ndraft: false\n# a comment\nsummary: It\'s 50% done, says C# team\n'
    const data = readSimpleYaml(source, frontMatterKeys)
    expect(data).toEqual({ title: 'Grigsby calls reopening “a matter of basic fairness”', date: '2025-06-09T22:27:00Z', author: "Isolde O'Neill", section: 'Culture', tags: ['retail', 'elections'], draft: false, summary: "It's 50% done, says C# team" })
    expect(data).toEqual(fullRead(source))
  })

  it('should leave everything outside the subset to the yaml package', () => {
    for (const source of [
      '\ntitle: T\nextra: x\n', // unknown key: the full path warns at it
      '\ntitle: T\ntitle: U\n', // duplicate key: an error there
      '\ntitle: 2024\n', // a number
      '\ntitle: null\n', // null
      '\ntitle: ~\n',
      '\ntitle: a # comment\n',
      '\ntitle: a: b\n',
      '\ntitle:  two spaces\n',
      '\ntitle: "escaped \\" quote"\n',
      '\ntitle: >\n  folded\n',
      '\ntags: [a, b]\n',
      '\ntags:\n- a\n',
      '\ntags:\n  - a\n    - b\n',
      '\ntags:\n',
      '\ntitle: *alias\n',
      '\ntitle: \t tab\n',
      '\n  title: indented\n',
      '\ntitle: T\n---\n',
      '\n# only a comment\n',
      '\ntitle: emoji 🎉\n',
    ]) {
      expect(readSimpleYaml(source, frontMatterKeys), source).toBeUndefined()
    }
  })

  it('should equal the yaml package wherever it reads a block (property, differential)', () => {
    const key = fc.constantFrom('title', 'date', 'section', 'summary', 'standfirst', 'byline', 'tags', 'draft', 'slug', 'unknown', 'Title', 'title ')
    const scalar = fc.oneof(
      fc.constantFrom('plain words', 'Culture', '2025-06-09', '2025-06-09T22:27:00Z', '12:30', 'true', 'False', 'TRUE', 'yes', 'no', 'on', 'null', 'Null', '~', '1', '-1', '+1', '1.5', '.5', '1e3', '0x1F', '0o17', '0x1G', '.inf', '-.Inf', '.nan', '"quoted"', '""', "''", "'it''s'", "'a'b'", '"a\\"b"', '"tab\there"', 'a: b', 'a:b', 'a #b', 'a#b', 'end:', '[x]', '{x}', 'x [y]', '-x', '- x', '?x', '&a', '*a', '!tag x', '|', '>', '%x', '@x', '`x`', 'it\'s', 'say "hi"', 'C#', '“curly”', 'ünïcödé', 'trailing ', ' leading', 'a\u0085b', 'a\u2028b', 'a\ufeffb', '\u00a0nbsp'),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    )
    const line = fc.oneof(
      fc.tuple(key, fc.constantFrom(': ', ':', ':  ', ' : '), scalar).map(([k, colon, v]) => `${k}${colon}${v}`),
      fc.tuple(key, fc.array(fc.tuple(fc.constantFrom('  - ', '  - ', '- ', '    - ', '  -'), scalar), { minLength: 0, maxLength: 3 })).map(([k, items]) => `${k}:\n${items.map(([dash, v]) => dash + v).join('\n')}`),
      fc.constantFrom('', ' ', '# comment', '  # indented comment', '---', '...', 'title', ':'),
    )
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (lines, trailingNewline) => {
        const source = `\n${lines.join('\n')}${trailingNewline ? '\n' : ''}`
        const fast = readSimpleYaml(source, frontMatterKeys)
        if (fast !== undefined) expect(fast).toEqual(fullRead(source))
      }),
      { seed: 20261128, numRuns: 5000 },
    )
  })

  it('should equal the yaml package on generated blocks of known keys, most of them read (property, differential)', () => {
    const words = fc.oneof(
      fc.constantFrom('Culture', 'plain words here', '2025-06-09T22:27:00Z', 'it\'s', 'say "hi"', 'C#', 'a:b', 'x [y]', '“curly”', 'true', 'false', 'True', '12:30', '0x1G', '1.5', 'null', 'yes'),
      fc.string({ minLength: 1, maxLength: 10 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
    )
    const scalar = fc.oneof(
      words,
      words.map((w) => `"${w}"`),
      words.map((w) => `'${w.replaceAll("'", "''")}'`),
    )
    const entry = fc.oneof({ weight: 3, arbitrary: scalar.map((v) => ` ${v}`) }, { weight: 1, arbitrary: fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => `\n${items.map((v) => `  - ${v}`).join('\n')}`) })
    let read = 0
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...frontMatterKeys), { minLength: 1, maxLength: 6 }), fc.array(entry, { minLength: 6, maxLength: 6 }), (keys, entries) => {
        const source = `\n${keys.map((k, at) => `${k}:${entries[at] ?? ''}`).join('\n')}\n`
        const fast = readSimpleYaml(source, frontMatterKeys)
        if (fast === undefined) return
        read++
        expect(fast).toEqual(fullRead(source))
      }),
      { seed: 20261128, numRuns: 5000 },
    )
    // The property is only worth something if the fast path takes most blocks.
    expect(read).toBeGreaterThan(1000)
  })
})
