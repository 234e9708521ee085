/**
 * Hostile input for the quote engine (`src/parse/quote*.ts`, `attribution*.ts`,
 * `people*.ts`). Found by the bounded-parse corpus: a long run of unmatched straight
 * quotes made the attribution pass superlinear. Such a run is now refused by the input
 * bounds before the engine sees it; the engine is still held to linear growth on it, with
 * the bound on quotations lifted.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../../src/parse/article.js'
import { extractQuotes } from '../../src/quotes/index.js'

function fileOf(body: string): VFile {
  const file = new VFile({ path: 'world/quotes.md', value: `---\ntitle: Quotes\ndate: 2026-03-01\n---\n\n${body}\n` })
  file.data.sourcePath = 'world/quotes.md'
  return file
}

/** 80 KB of `"a `: an unmatched quotation mark every three characters, in one paragraph. */
const unmatchedQuotes = '"a '.repeat(27_000)

/** The engine on `text` as one paragraph, with no bound on quotations. */
const unbounded = (text: string, attribute: boolean) => extractQuotes({ text, paragraphs: [[0, text.length]] }, { attribute, maxQuotations: Number.POSITIVE_INFINITY })

describe('the quote engine on hostile input', () => {
  it('should find the quotes of 80 KB of unmatched straight quotes without attribution', () => {
    expect(unbounded(unmatchedQuotes, false).quotes.length).toBeGreaterThan(10_000)
  })

  // Was superlinear (about 15 s for 80 KB): every quote rescanned the whole run-on sentence
  // for its clause subject. The 5 s below is the vitest timeout, not a timed assertion.
  it('should attribute 80 KB of unmatched straight quotes without stalling', () => {
    expect(unbounded(unmatchedQuotes, true).quotes.length).toBeGreaterThan(10_000)
  }, 5_000)

  it('should refuse the same file by its input bounds, at the block, before parsing it', () => {
    const file = fileOf(unmatchedQuotes)
    expect(parseArticle(file)).toBeUndefined()
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['block-too-long', 6, 1]])
  })
})
