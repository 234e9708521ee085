/**
 * Glue between the article body and the quote engine: flatten the quotable blocks to the
 * engine's plain text, run it, then carry its quotes back into the model — as `Quote`s with
 * source positions and as `quoteSpan`s in the blocks' phrasing.
 */
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import type { Block, Person, Phrasing, Quote } from '../model/article.js'
import { report } from '../content/report.js'
import { flattenPhrasing, sourceOffsetOf, type FlatText } from './plain-text.js'
import { extractQuotes, type ExtractedQuote } from '../quotes/index.js'
import { wrapSpans, type SpanRange } from './wrap-spans.js'

const noBlocks: readonly BlockCandidate[] = []

/** Paragraphs are joined with a blank line, as wire copy separates them. */
const separator = '\n\n'
const openingMarks = /^[\s"“”'‘’«»`]+/

export interface BodyQuotes {
  readonly body: readonly Block[]
  readonly quotes: readonly Quote[]
  readonly people: readonly Person[]
  /** Set when the body holds more quotations than parsing allows (an error on the file says so): the article is not published. */
  readonly refused?: boolean
}

interface Quotable {
  readonly id: string
  readonly children: readonly Phrasing[]
  readonly fallbackOffset: number
  readonly flat: FlatText
  readonly start: number
  readonly end: number
}

/**
 * A blockquote of paragraphs right after a paragraph: a block quotation if that paragraph
 * ends with a colon and the blockquote holds no quotation marks (checked on the flat text).
 * `first`/`last` index its paragraphs among the quotables, `intro` the paragraph before.
 */
interface BlockCandidate {
  readonly id: string
  readonly intro: number
  readonly first: number
  readonly last: number
}

/** Blocks whose phrasing the engine reads, in reading order. Subheadings are left out: their quotation marks mark titles. */
function collectQuotable(blocks: readonly Block[], into: { id: string; children: readonly Phrasing[]; fallbackOffset: number }[], candidates: BlockCandidate[]): void {
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index] as Block
    if (block.type === 'paragraph' || block.type === 'editorsNote') {
      into.push({ id: block.id, children: block.children, fallbackOffset: block.position.start.offset ?? 0 })
    } else if (block.type === 'blockquote') {
      const first = into.length
      collectQuotable(block.children, into, candidates)
      const isPassage = block.children.length > 0 && block.children.every((child) => child.type === 'paragraph')
      if (isPassage && blocks[index - 1]?.type === 'paragraph') candidates.push({ id: block.id, intro: first - 1, first, last: into.length - 1 })
    } else if (block.type === 'list') {
      for (const item of block.items) collectQuotable(item, into, candidates)
    }
  }
}

/** Double quotation marks: a blockquote holding any quotes its own words, and is no block quotation. */
const doubleMarks = /["“”«»„]/

/**
 * The block quotations among `candidates`: introduced by a paragraph that ends with a colon
 * (`In a statement, Doe said:`), their paragraphs free of quotation marks.
 */
function blockQuotations(candidates: readonly BlockCandidate[], quotables: readonly Quotable[]): BlockCandidate[] {
  return candidates.filter((candidate) => {
    const intro = quotables[candidate.intro]?.flat.text.trimEnd()
    if (intro === undefined || !intro.endsWith(':')) return false
    for (let index = candidate.first; index <= candidate.last; index++) {
      if (doubleMarks.test(quotables[index]?.flat.text ?? '"')) return false
    }
    return true
  })
}

/**
 * The engine's text: the quotable blocks' plain text joined with `separator`, with each
 * block's place in it. Objects are written out field by field (a spread of each block gave
 * V8 objects of more than one shape, and it threw away the code that read them).
 */
function flattenQuotables(found: readonly { id: string; children: readonly Phrasing[]; fallbackOffset: number }[], source: string): { text: string; quotables: Quotable[]; paragraphs: (readonly [number, number])[] } {
  let text = ''
  const quotables: Quotable[] = []
  const paragraphs: (readonly [number, number])[] = []
  for (let index = 0; index < found.length; index++) {
    const block = found[index] as (typeof found)[number]
    if (index > 0) text += separator
    const flat = flattenPhrasing(block.children, source)
    const start = text.length
    text += flat.text
    quotables.push({ id: block.id, children: block.children, fallbackOffset: block.fallbackOffset, flat, start, end: text.length })
    paragraphs.push([start, text.length])
  }
  return { text, quotables, paragraphs }
}

function rebuild(blocks: readonly Block[], spans: ReadonlyMap<string, readonly Phrasing[]>, blockQuoteIds: ReadonlyMap<string, string>): Block[] {
  return blocks.map((block): Block => {
    if (block.type === 'paragraph' || block.type === 'editorsNote') {
      const children = spans.get(block.id)
      return children ? { ...block, children } : block
    }
    if (block.type === 'blockquote') {
      const quoteId = blockQuoteIds.get(block.id)
      const children = rebuild(block.children, spans, blockQuoteIds)
      return quoteId === undefined ? { ...block, children } : { ...block, children, quoteId }
    }
    if (block.type === 'list') return { ...block, items: block.items.map((item) => rebuild(item, spans, blockQuoteIds)) }
    return block
  })
}

/** Index of the quotable that holds a flat-text offset (an end offset may stand at its end); the last one past them all. */
function quotableAt(quotables: readonly Quotable[], offset: number, isEnd: boolean): number {
  const found = quotables.findIndex((q) => (isEnd ? offset <= q.end : offset < q.end))
  return found === -1 ? quotables.length - 1 : found
}

/** The offset in the file of an offset in the engine's text. */
function sourceOffset(quotables: readonly Quotable[], offset: number, isEnd: boolean): number {
  const quotable = quotables[quotableAt(quotables, offset, isEnd)] as Quotable
  return sourceOffsetOf(quotable.flat, Math.max(0, offset - quotable.start), quotable.fallbackOffset)
}

/** The place in the file of [`start`, `end`) in the engine's text. */
function sourcePosition(quotables: readonly Quotable[], pointAt: (offset: number) => Point | undefined, start: number, end: number): Position {
  const startPoint = pointAt(sourceOffset(quotables, start, false)) ?? { line: 1, column: 1 }
  const endPoint = pointAt(sourceOffset(quotables, end, true)) ?? startPoint
  return { start: startPoint, end: endPoint }
}

/**
 * Where the quotes' words are: each block quotation's blockquote id with its quote's id (it
 * carries the quote, and no span is wrapped in its words), and for the other quotes the
 * ranges to wrap in each quotable, by index (one in each paragraph a quote runs over).
 */
function quoteRanges(
  quotes: readonly ExtractedQuote[],
  blocks: readonly BlockCandidate[],
  quotables: readonly Quotable[],
  paragraphs: readonly (readonly [number, number])[],
): { readonly blockQuoteIds: ReadonlyMap<string, string>; readonly rangesByBlock: ReadonlyMap<number, SpanRange[]> } {
  const blockQuoteIds = new Map<string, string>()
  const blockAt = new Map<number, BlockCandidate>()
  for (const block of blocks) {
    const start = paragraphs[block.first]?.[0]
    if (start !== undefined) blockAt.set(start, block)
  }
  const rangesByBlock = new Map<number, SpanRange[]>()
  const addRange = (index: number, range: SpanRange): void => {
    const list = rangesByBlock.get(index) ?? []
    list.push(range)
    rangesByBlock.set(index, list)
  }
  for (const quote of quotes) {
    const block = blockAt.get(quote.start)
    if (block !== undefined && quote.end === paragraphs[block.last]?.[1]) {
      blockQuoteIds.set(block.id, quote.id)
      continue
    }
    const first = quotableAt(quotables, quote.start, false)
    const last = quotableAt(quotables, quote.end, true)
    for (let index = first; index <= last; index++) {
      const quotable = quotables[index] as Quotable
      let start = index === first ? quote.start : quotable.start
      if (index > first) start += (openingMarks.exec(quotable.flat.text)?.[0].length ?? 0)
      const end = index === last ? quote.end : quotable.end
      if (end > start) addRange(index, { start, end, quoteId: quote.id, isFirst: index === first })
    }
  }
  return { blockQuoteIds, rangesByBlock }
}

/** The phrasing of each quotable with ranges, its ranges wrapped in quote spans, by block id. */
function wrapQuoteSpans(rangesByBlock: ReadonlyMap<number, SpanRange[]>, quotables: readonly Quotable[], source: string, pointAt: (offset: number) => Point | undefined): Map<string, readonly Phrasing[]> {
  const spans = new Map<string, readonly Phrasing[]>()
  for (const [index, ranges] of rangesByBlock) {
    const quotable = quotables[index] as Quotable
    ranges.sort((a, b) => a.start - b.start)
    spans.set(quotable.id, wrapSpans(quotable.children, ranges, quotable.start, source, pointAt))
  }
  return spans
}

/** The model's `Quote` for a quote the engine found, placed in the file. */
function quoteOf(quote: ExtractedQuote, quotables: readonly Quotable[], pointAt: (offset: number) => Point | undefined): Quote {
  const paragraph = quotables[quote.paragraphIndex] ?? quotables[quotableAt(quotables, quote.start, false)]
  return {
    id: quote.id,
    text: quote.text,
    kind: quote.kind,
    ...(quote.continues === undefined ? {} : { continues: quote.continues }),
    ...(quote.speakerId === undefined ? {} : { speakerId: quote.speakerId }),
    ...(quote.cue === undefined ? {} : { cue: quote.cue }),
    ...(quote.attribution === undefined
      ? {}
      : {
          attribution: {
            asPrinted: quote.attribution.asPrinted,
            rule: quote.attribution.rule,
            ...(quote.attribution.reasons === undefined ? {} : { reasons: quote.attribution.reasons }),
            position: sourcePosition(quotables, pointAt, quote.attribution.start, quote.attribution.end),
          },
        }),
    ...(quote.confidence === undefined ? {} : { confidence: quote.confidence }),
    ...(quote.candidates === undefined ? {} : { candidates: quote.candidates }),
    paragraphId: paragraph?.id ?? '',
    position: sourcePosition(quotables, pointAt, quote.start, quote.end),
  }
}

/**
 * Find the quotes of an article body and attribute them. Problems the engine reports
 * (unbalanced marks, unattributed quotes) become warnings on `file` at their place.
 *
 * @param options.attribute Run the attribution pass (default: `true`).
 */
export function attachQuotes(body: readonly Block[], file: VFile, options: { readonly attribute?: boolean; readonly onStage?: ((stage: 'quotation marks' | 'quote tokens' | 'people' | 'attribution') => void) | undefined } = {}): BodyQuotes {
  const source = String(file.value)
  const place = location(file)
  const pointAt = (offset: number): Point | undefined => place.toPoint(offset)
  const found: { id: string; children: readonly Phrasing[]; fallbackOffset: number }[] = []
  const candidates: BlockCandidate[] = []
  collectQuotable(body, found, candidates)
  // Before `quotables` is made: an empty list has another shape, and V8 would throw away the code that has seen only full ones.
  if (found.length === 0) return { body, quotes: [], people: [] }

  const { text, quotables, paragraphs } = flattenQuotables(found, source)
  const blocks = candidates.length === 0 ? noBlocks : blockQuotations(candidates, quotables)
  const result = extractQuotes(blocks.length === 0 ? { text, paragraphs } : { text, paragraphs, blockQuotes: blocks.map((block) => [block.first, block.last] as const) }, options)
  const { blockQuoteIds, rangesByBlock } = quoteRanges(result.quotes, blocks, quotables, paragraphs)
  const spans = wrapQuoteSpans(rangesByBlock, quotables, source, pointAt)
  for (const problem of result.problems) {
    report(file, problem.ruleId, problem.message, sourcePosition(quotables, pointAt, problem.start, Math.max(problem.start, problem.end)))
  }
  if (result.refused === true) return { body, quotes: [], people: [], refused: true }
  const quotes = result.quotes.map((quote) => quoteOf(quote, quotables, pointAt))
  return { body: rebuild(body, spans, blockQuoteIds), quotes, people: result.people }
}

/** Character offsets in the file's text of a quote's words, for `dateline quotes --jsonl`. */
export function quoteOffsets(quote: Quote): { readonly start: number; readonly end: number } {
  return { start: quote.position.start.offset ?? 0, end: quote.position.end.offset ?? 0 }
}
