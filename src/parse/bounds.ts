/**
 * The input bounds of parsing. Whether a story is published must depend on its text alone,
 * never on how fast or how busy the machine is, so the work of parsing is bounded by what
 * the input may hold, checked before the work that grows with it:
 *
 * - the file's size (`defaultMaxFileSize` in `src/content/load.ts`, checked when it is read);
 * - each block of text between blank lines (`maxBlockLength`, here): micromark and the quote
 *   glue do work that grows with the square of a paragraph's markup;
 * - the quotations in the story (`maxQuotations`, checked by the quote engine right after
 *   its linear scan for quotation marks): attribution's work grows with quotes times names.
 *
 * Within them, the worst inputs known (each family in `tests/hostile/bounded-parse.test.ts`)
 * take at most 3.5 s of CPU on the 2-core test machine from a cold thread (16,000-character
 * blocks of `[a](`, whose link labels micromark resolves in time that grows with the square
 * of a block; 32,000-character blocks took 5.8 s). The time limit of the parse pool stays,
 * far above that (60 s), as a last guard against a pathology nobody has found yet.
 *
 * The bounds sit well above real news: in 948 articles of the PolNeAR corpus, the longest
 * story is 34 KB, the longest paragraph 12,568 characters, and the most quotation marks 160.
 */
import type { VFile } from 'vfile'
import { report } from '../content/report.js'

/** Most characters in one block of text (lines with no blank line between them). */
export const maxBlockLength = 16_384

/** Most quotations (spans between quotation marks, closed or not) in one story. */
export const maxQuotations = 1_000

const formatted = new Intl.NumberFormat('en-US')

/**
 * Report every block of `file`'s text longer than `maxBlockLength`, at its place; `false`
 * when there is one (the file is then not parsed). Linear in the text, and the same for both
 * formats: a Markdown paragraph, list or front matter, or a wire paragraph.
 */
export function checkBlockLengths(file: VFile): boolean {
  const text = String(file.value)
  let ok = true
  let line = 1
  // The block being read: where it starts (offset and line), and where its last line starts and ends.
  let start = -1
  let startLine = 1
  let lastLineStart = 0
  let end = 0
  const close = (): void => {
    if (start >= 0 && end - start > maxBlockLength) {
      ok = false
      report(
        file,
        'block-too-long',
        `Unexpected block of ${formatted.format(end - start)} characters without a blank line, expected at most ${formatted.format(maxBlockLength)}: the file was skipped`,
        { start: { line: startLine, column: 1, offset: start }, end: { line: line - 1, column: end - lastLineStart + 1, offset: end } },
      )
    }
    start = -1
  }
  for (let at = 0; at <= text.length; ) {
    let next = text.indexOf('\n', at)
    if (next === -1) next = text.length
    if (isBlank(text, at, next)) close()
    else {
      if (start < 0) {
        start = at
        startLine = line
      }
      lastLineStart = at
      end = next
    }
    at = next + 1
    line++
  }
  close()
  return ok
}

/** Whether `text[from, to)` is only white space. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at)
    if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return false
  }
  return true
}

/** The message for a story with `count` quotations, more than `bound` (`maxQuotations`). */
export function tooManyQuotations(count: number, bound = maxQuotations): string {
  return `Unexpected ${formatted.format(count)} quotations, expected at most ${formatted.format(bound)} in one story: the file was skipped`
}
