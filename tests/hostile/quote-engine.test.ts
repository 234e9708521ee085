/**
 * Hostile input for the quote engine (`src/parse/quote*.ts`, `attribution*.ts`,
 * `people*.ts`). Found by the bounded-parse corpus: a long run of unmatched straight
 * quotes made the attribution pass superlinear.
 */
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../../src/parse/article.js'

function fileOf(body: string): VFile {
  const file = new VFile({ path: 'world/quotes.md', value: `---\ntitle: Quotes\ndate: 2026-03-01\n---\n\n${body}\n` })
  file.data.sourcePath = 'world/quotes.md'
  return file
}

/** 80 KB of `"a `: an unmatched quotation mark every three characters, in one paragraph. */
const unmatchedQuotes = '"a '.repeat(27_000)

describe('the quote engine on hostile input', () => {
  it('should find the quotes of 80 KB of unmatched straight quotes without attribution', () => {
    expect(parseArticle(fileOf(unmatchedQuotes), { attribute: false })).toBeDefined()
  })

  // Was superlinear (about 15 s for 80 KB): every quote rescanned the whole run-on sentence
  // for its clause subject. The 5 s below is the vitest timeout, not a timed assertion.
  it('should attribute 80 KB of unmatched straight quotes without stalling', () => {
    expect(parseArticle(fileOf(unmatchedQuotes))).toBeDefined()
  }, 5_000)
})
