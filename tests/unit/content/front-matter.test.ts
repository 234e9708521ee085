import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseFrontMatter } from '../../../src/content/front-matter.js'
import { fieldExpectations } from '../../../src/content/front-matter-messages.js'
import { frontMatterKeys } from '../../../src/content/schema.js'

function run(text: string) {
  const file = new VFile({ path: 'content/x.md', value: text })
  const result = parseFrontMatter(file)
  return { result, messages: file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, fatal: m.fatal, reason: m.reason, hint: m.note })) }
}

describe('parseFrontMatter', () => {
  it('should read title and date, keeping a YAML date as an ISO string', () => {
    const { result, messages } = run('---\ntitle: Budget passes\ndate: 2026-09-21\n---\nBody.\n')
    expect(messages).toEqual([])
    expect(result).toEqual({ ok: true, data: expect.objectContaining({ title: 'Budget passes', date: '2026-09-21' }), places: expect.any(Map) })
  })

  it('should refuse `---js` front matter at line 1 without running it', () => {
    const marker = globalThis as { pwned?: boolean }
    const { result, messages } = run('---js\n{ title: (globalThis.pwned = true, "x") }\n---\nBody\n')
    expect(result.ok).toBe(false)
    expect(marker.pwned).toBeUndefined()
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-language', line: 1, column: 4, fatal: true })])
  })

  it.each(['---javascript', '---JS', '---coffee', '---json', '---  js  '])('should refuse the `%s` opener', (opener) => {
    const { result, messages } = run(`${opener}\n{}\n---\n`)
    expect(result.ok).toBe(false)
    expect(messages[0]?.rule).toBe('front-matter-language')
  })

  it('should report a wrong type at the key’s own line and column', () => {
    const { result, messages } = run('---\ntitle: Budget\ndate: 2026-09-21\ntags:\n  nested: 1\n---\n')
    expect(result.ok).toBe(false)
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-type', line: 5, column: 3 })])
  })

  it('should report a missing title', () => {
    const { messages } = run('---\ndate: 2026-09-21\n---\n')
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-type', reason: expect.stringContaining('`title`') })])
  })

  it('should refuse a date-time without an offset, at the value', () => {
    const { messages } = run('---\ntitle: T\ndate: 2026-09-21T10:00:00\n---\n')
    expect(messages).toEqual([expect.objectContaining({ rule: 'date-invalid', line: 3, column: 7, fatal: true })])
  })

  it('should refuse an impossible date', () => {
    const { messages } = run('---\ntitle: T\ndate: 2026-02-30\n---\n')
    expect(messages[0]?.rule).toBe('date-invalid')
  })

  it('should warn about an unknown key and still succeed', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\nheadline: X\n---\n')
    expect(result.ok).toBe(true)
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-unknown-key', line: 4, column: 1, fatal: false })])
  })

  it('should refuse duplicate keys with the YAML error position', () => {
    const { result, messages } = run('---\ntitle: A\ntitle: B\ndate: 2026-09-21\n---\n')
    expect(result.ok).toBe(false)
    expect(messages[0]).toEqual(expect.objectContaining({ rule: 'front-matter-yaml', line: 3 }))
  })

  it('should refuse a list as a key at its place, without a process warning from the YAML parser', async () => {
    const warnings: unknown[] = []
    const onWarning = (warning: unknown): void => void warnings.push(warning)
    process.on('warning', onWarning)
    try {
      const { result, messages } = run('---\ntitle: Budget\ndate: 2026-09-21\n? [a, b]\n: c\n---\nBody.\n')
      expect(result.ok).toBe(false)
      expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-yaml', line: 4, column: 3, fatal: true })])
      // Node emits process warnings on a later tick.
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off('warning', onWarning)
    }
    expect(warnings).toEqual([])
  })

  it('should refuse an unknown tag such as `!!js/function`', () => {
    const { result, messages } = run('---\ntitle: !!js/function "function(){}"\ndate: 2026-09-21\n---\n')
    expect(result.ok).toBe(false)
    expect(messages[0]?.rule).toBe('front-matter-yaml')
  })

  it('should refuse an alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`)
    const { result, messages } = run(`---\ntitle: T\ndate: 2026-09-21\n${lines.join('\n')}\n---\n`)
    expect(result.ok).toBe(false)
    expect(messages.some((m) => m.rule === 'front-matter-yaml')).toBe(true)
  })

  it('should refuse unclosed front matter', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\n')
    expect(result.ok).toBe(false)
    expect(messages[0]?.rule).toBe('front-matter-unclosed')
  })

  it('should refuse front matter that is not a mapping', () => {
    const { messages } = run('---\n- a\n- b\n---\n')
    expect(messages[0]?.rule).toBe('front-matter-type')
  })

  it('should not share results between calls (no gray-matter cache)', () => {
    const text = '---\ntitle: T\ndate: 2026-09-21\n---\n'
    const first = run(text).result
    if (first.ok) (first.data as { title: string }).title = 'changed'
    const second = run(text).result
    expect(second.ok && second.data.title).toBe('T')
  })

  it('should say what `tags: 5` is and that quotes make it text, not "Invalid input"', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\ntags: 5\n---\n')
    expect(result.ok).toBe(false)
    expect(messages).toEqual([
      expect.objectContaining({
        rule: 'front-matter-type',
        line: 4,
        column: 7,
        reason: 'Unexpected value for `tags`: expected a tag or a list of tags, such as `[budget, city council]`, found the number `5`',
        hint: 'Put the value in quotes to make it text: `tags: "5"`.',
      }),
    ])
  })

  it('should name the item of a list that has the wrong type', () => {
    const { messages } = run('---\ntitle: T\ndate: 2026-09-21\ntags: [budget, 5]\n---\n')
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-type', line: 4, column: 16, reason: expect.stringContaining("item 2 of `tags`") })])
  })

  it('should say what `draft` takes when it is given words', () => {
    const { messages } = run('---\ntitle: T\ndate: 2026-09-21\ndraft: yes\n---\n')
    expect(messages).toEqual([expect.objectContaining({ reason: 'Unexpected value for `draft`: expected `true` or `false`, found the text `yes`', hint: 'Write `draft: true` or `draft: false`, without quotes.' })])
  })

  it('should drop an `image:` with a `javascript:` URL as `url-unsafe` and keep the story', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\nimage: javascript:alert(1)\n---\n')
    expect(result.ok).toBe(true)
    expect(result.ok && result.data.image).toBeUndefined()
    expect(messages).toEqual([expect.objectContaining({ rule: 'url-unsafe', line: 4, column: 8, fatal: false })])
  })

  it('should drop an unsafe `image.url` as `url-unsafe` at the URL', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\nimage:\n  url: " JaVaScRiPt:alert(1)"\n  alt: x\n---\n')
    expect(result.ok).toBe(true)
    expect(messages).toEqual([expect.objectContaining({ rule: 'url-unsafe', line: 5, column: 8 })])
  })

  it('should suggest the field an unknown one most likely misspells', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\nauther: Jane Doe\n---\n')
    expect(result.ok).toBe(true)
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-unknown-key', line: 4, column: 1, reason: 'Unexpected front matter field `auther`, did you mean `author`? It is ignored', hint: 'Rename it to `author`.' })])
  })

  it('should check the fields under `image:` too', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\nimage:\n  url: a.jpg\n  alt: A bridge\n  captoin: At dawn\n---\n')
    expect(result.ok).toBe(true)
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-unknown-key', line: 7, column: 3, reason: expect.stringContaining('did you mean `caption`') })])
  })

  it('should read a lead image’s caption and credit', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\nimage:\n  url: bridge.jpg\n  alt: A bridge\n  caption: The old bridge at dawn.\n  credit: Jane Doe/Gazette\n---\n')
    expect(messages).toEqual([])
    expect(result.ok && result.data.image).toEqual({ url: 'bridge.jpg', alt: 'A bridge', caption: 'The old bridge at dawn.', credit: 'Jane Doe/Gazette' })
  })

  it.each([
    ['a field indented under a plain value', '---\ntitle: T\n date: 2026-09-21\nsection: world\ntags: [a]\n---\n', 3],
    ['a list item indented less than the one above', '---\ntitle: T\ndate: 2026-09-21\ntags:\n  - a\n - b\n - c\n---\n', 6],
    ['a field of a correction indented less than its first', '---\ntitle: T\ndate: 2026-09-21\ncorrections:\n  - date: 2026-09-22\n   text: Fixed a name.\n---\n', 6],
    ['a field under `image:` indented less than the first', '---\ntitle: T\ndate: 2026-09-21\nimage:\n    url: a.png\n  alt: x\n---\n', 6],
  ])('should give one message at the line for %s', (_, text, line) => {
    const { result, messages } = run(text)
    expect(result.ok).toBe(false)
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-yaml', line, column: 1, reason: expect.stringContaining('Unexpected indentation'), hint: expect.stringContaining('same number of spaces') })])
  })

  it('should say to quote a value with a second `: ` in it', () => {
    const { messages } = run('---\ntitle: Budget: the vote\ndate: 2026-09-21\n---\n')
    expect(messages).toEqual([expect.objectContaining({ rule: 'front-matter-yaml', line: 2, hint: 'Put the value in quotes: `title: "Budget: the vote"`.' })])
  })

  it('should read `quotes:` with the place of each override’s key', () => {
    const { result, messages } = run('---\ntitle: T\ndate: 2026-09-21\nquotes:\n  q-3: Pamela Falk\n  "a funny lady": not a quote\n---\n')
    expect(messages).toEqual([])
    if (!result.ok) throw new Error('not read')
    expect(result.data.quotes).toEqual({ 'q-3': 'Pamela Falk', 'a funny lady': 'not a quote' })
    expect([...(result.quotePlaces ?? [])]).toEqual([
      ['q-3', expect.objectContaining({ line: 5, column: 3 })],
      ['a funny lady', expect.objectContaining({ line: 6, column: 3 })],
    ])
  })

  it('should say what `quotes:` takes, in the words of the other fields, with a hint that fits', () => {
    expect(run('---\ntitle: T\ndate: 2026-09-21\nquotes: [q-1, q-2]\n---\n').messages).toEqual([
      expect.objectContaining({
        rule: 'front-matter-type',
        line: 4,
        column: 9,
        reason: 'Unexpected value for `quotes`: expected corrections of the quote engine, one per line: a quote’s id (`q-3`) or first words, then its speaker or `not a quote`, found a list',
        hint: expect.stringContaining('`q-3: Pamela Falk`'),
      }),
    ])
    expect(run('---\ntitle: T\ndate: 2026-09-21\nquotes:\n  q-1: 5\n---\n').messages).toEqual([
      expect.objectContaining({
        rule: 'front-matter-type',
        line: 5,
        column: 8,
        reason: 'Unexpected value for `quotes.q-1`: expected the speaker’s name as text, such as `Pamela Falk`, or `not a quote`, found the number `5`',
        hint: 'Put the value in quotes to make it text: `q-1: "5"`.',
      }),
    ])
  })

  it('should suggest `quotes` for a misspelt `quote:`, and take any key under `quotes:` (ids and first words are the editor’s)', () => {
    expect(run('---\ntitle: T\ndate: 2026-09-21\nquote:\n  q-1: Jane Doe\n---\n').messages).toEqual([
      expect.objectContaining({ rule: 'front-matter-unknown-key', line: 4, column: 1, reason: 'Unexpected front matter field `quote`, did you mean `quotes`? It is ignored', hint: 'Rename it to `quotes`.' }),
    ])
    expect(run('---\ntitle: T\ndate: 2026-09-21\nquotes:\n  we will win: Jane Doe\n  qoutes: not a quote\n---\n').messages).toEqual([])
  })

  it('should know what every front matter field takes', () => {
    // The expectations are written by hand: a field added to the schema needs its words.
    expect([...frontMatterKeys].filter((key) => fieldExpectations[key] === undefined)).toEqual([])
  })
})
