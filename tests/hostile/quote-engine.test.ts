/**
 * Hostile input for the quote engine (`src/parse/quote*.ts`, `attribution*.ts`,
 * `people*.ts`, owned by another engineer). Found by the bounded-parse corpus: a long
 * run of unmatched straight quotes makes the attribution pass superlinear.
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

  // Known bug, not fixed here (the quote engine has its own owner): with attribution on,
  // this input takes about 15 s for 80 KB (and does not finish in a minute at the 1 MiB
  // size cap), against under 1 s without it. The parse pool's time limit reports such a
  // file as `parse-timeout` in `dateline build`, so the build is bounded, but an honest
  // 80 KB transcript full of inch marks would be refused. Unskip when the attribution
  // pass is linear; the 5 s limit below is the vitest timeout, not a timed assertion.
  it.skip('should attribute 80 KB of unmatched straight quotes without stalling', () => {
    expect(parseArticle(fileOf(unmatchedQuotes))).toBeDefined()
  }, 5_000)
})
