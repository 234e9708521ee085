/**
 * The nesting bound holds before micromark reads a body (issue 18, defect 9): Markdown that
 * nests one level deeper per line, at the size cap, used to run micromark for 25–30 s and
 * up to 1.7 GB (1 MB of block quotes: 28 s, 1.7 GB, into the parse time limit instead of
 * `markdown-too-deep`). Now the lines past 16 levels are blanked first, so each parses in
 * well under a second (a 1 MB staircase of lists takes ~1 s: micromark's cost per byte of the blanked
 * lines), here on the main thread with no time limit at all.
 */
import { performance } from 'node:perf_hooks'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { maxBlockLength } from '../../src/parse/bounds.js'
import { parseArticle } from '../../src/parse/article.js'

const frontMatter = '---\ntitle: Deep\ndate: 2026-03-01\n---\n\n'
/**
 * Lines after the front matter, one level deeper each, up to `size` characters: by default
 * as much as one block may hold (a longer block is refused by `block-too-long` before its
 * nesting is read).
 */
function staircase(lineAt: (depth: number) => string, size = maxBlockLength): string {
  let text = frontMatter
  for (let depth = 1; ; depth++) {
    const line = `${lineAt(depth)}\n`
    if (text.length + line.length > size) return text
    text += line
  }
}

const cases: Readonly<Record<string, { readonly text: string; readonly kind: string; readonly line: number; readonly column: number }>> = {
  // Old code: 28 s, 1.7 GB.
  'block quotes one level deeper per line': { text: staircase((depth) => `${'>'.repeat(depth)} level ${depth}`), kind: 'blockquote', line: 22, column: 17 },
  // Old code: 7.7 s for these 200 KB (and far longer at the cap: the cost grows with the square).
  'list items indented one level deeper per line': { text: staircase((depth) => `${'  '.repeat(depth - 1)}- item ${depth}`), kind: 'list', line: 22, column: 33 },
  // Old code: 30 s for these 200 KB.
  'list markers one more per line': { text: staircase((depth) => `${'- '.repeat(depth)}item`), kind: 'list', line: 22, column: 33 },
  // Old code: 26 s for these 8 KB. Every item goes on over every blank line (the list item after them makes micromark read them).
  'list items opened on one line, then blank lines': { text: `${frontMatter}${'- '.repeat(2000)}x${'\n'.repeat(4000)}- after\n`, kind: 'list', line: 6, column: 33 },
}

describe('the nesting bound, before parsing', () => {
  it.each(Object.keys(cases))('should report %s as markdown-too-deep at its first line past 16 levels, in under three seconds', (name) => {
    const { text, kind, line, column } = cases[name] as (typeof cases)[string]
    const file = new VFile({ path: `content/${name}.md`, value: text })
    file.data.sourcePath = `${name}.md`
    const started = performance.now()
    const article = parseArticle(file)
    const elapsed = performance.now() - started
    console.log(`nesting bound: ${name} (${Math.round(text.length / 1024)} KB) parsed in ${Math.round(elapsed)} ms`)
    expect(article?.headline).toBe('Deep')
    const deep = file.messages.filter((message) => message.ruleId === 'markdown-too-deep')
    expect(deep.map((message) => [message.line, message.column, message.reason])).toEqual([[line, column, `Unexpected \`${kind}\` nested more than 16 levels deep, expected a flatter story: the line was dropped`]])
    expect(elapsed).toBeLessThan(3_000)
  })
})
