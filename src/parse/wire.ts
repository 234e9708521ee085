/**
 * Wire copy: plain text as it comes off a feed or a web page, turned into the parts of an
 * `Article`. Paragraphs are separated by blank lines and kept verbatim; site chrome before
 * the headline is dropped and reported; a byline and a dateline are lifted when present.
 */
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { location, type Location } from 'vfile-location'
import type { Block, Byline, Dateline, Dropped, List, Paragraph } from '../model/article.js'
import { report } from '../content/report.js'
import { bylineNames } from './byline.js'
import { isEditorsNote } from './editors-note.js'

export interface WireParts {
  readonly headline: string
  readonly byline?: Byline
  readonly dateline?: Dateline
  readonly body: readonly Block[]
  readonly dropped: readonly Dropped[]
}

interface Chunk {
  readonly text: string
  readonly start: number
  readonly end: number
}

/** Longest text that can be a headline (with its deck), in characters and words. */
const maxHeadlineLength = 240
const maxHeadlineWords = 40
/** Longest line that can be chrome above a headline, in characters and words. */
const maxChromeLength = 40
const maxChromeWords = 5
/** Shortest single-sentence paragraph taken for the start of a story when looking for chrome. */
const minLedeLength = 100
const bylinePattern = /^By\s+\p{Lu}[^\n]{0,150}$/u
/**
 * A byline with its affiliation on the line below, as agencies print it:
 *
 *     By JIM HEINTZ
 *     Associated Press
 */
const twoLineBylinePattern = /^(By\s+\p{Lu}[^\n]{0,150})\n(\p{Lu}[^\n.!?]{0,80})$/u
/** A bullet item: `* `, `- `, `+ `, `• `, `· ` or `‣ ` and its text. */
const bulletLine = /^[*+•·‣-][ \t]+\S/u
/** A numbered item: `1. ` or `1) ` and its text. */
const numberedLine = /^\d{1,3}[.)][ \t]+\S/
/**
 * A dateline opening the first paragraph, in capitals, then an optional state or country,
 * date and agency, then a dash:
 *
 *     DES MOINES, Iowa, Aug. 10 (UPI) — Hillary Clinton on Wednesday…
 *     ^^^^^^^^^^^^^^^^ place
 */
const datelinePattern =
  /^((\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]*)*)(?:,\s+\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)?)(?:,\s+\p{Lu}\p{Ll}{2,4}\.?\s+\d{1,2})?(?:\s+\([\p{L}. ]{1,40}\))?\s*(?:—|–|--)\s*/u

/** Split text into paragraphs at blank lines, trimmed, with their offsets. */
function splitParagraphs(text: string): Chunk[] {
  const chunks: Chunk[] = []
  const separator = /\n[ \t]*\n/g
  let from = 0
  const push = (start: number, end: number): void => {
    const raw = text.slice(start, end)
    const leading = raw.length - raw.trimStart().length
    const trimmed = raw.trim()
    if (trimmed !== '') chunks.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length })
  }
  for (let match = separator.exec(text); match; match = separator.exec(text)) {
    push(from, match.index)
    from = match.index + match[0].length
    separator.lastIndex = from
  }
  push(from, text.length)
  return chunks
}

/** A byline line, or one with its affiliation on the line below. */
function isByline(text: string): boolean {
  return bylinePattern.test(text) || twoLineBylinePattern.test(text)
}

/** Site chrome: a short label with no sentence punctuation (`Watch CBSN Live`, `Advertisement`). */
function isChromeLike(chunk: Chunk): boolean {
  return !chunk.text.includes('\n') && chunk.text.length <= maxChromeLength && chunk.text.split(/\s+/).length <= maxChromeWords && !/[.!?:"”’)]$/.test(chunk.text)
}

/** An opening paragraph of a story: long, or more than one sentence. */
function isBodyLike(chunk: Chunk | undefined): boolean {
  return chunk !== undefined && (chunk.text.length >= minLedeLength || /[.!?]["”’]?\s+\p{Lu}/u.test(chunk.text))
}

/**
 * Whether the chunk at `index` is chrome above the headline: a line with no words at all, or
 * a short label followed by a title line and then a byline or the story itself. A short
 * headline directly above the story is never chrome.
 */
function isChrome(chunks: readonly Chunk[], index: number): boolean {
  const chunk = chunks[index] as Chunk
  if (!/[\p{L}\p{N}]/u.test(chunk.text)) return true
  const next = chunks[index + 1]
  const after = chunks[index + 2]
  return (
    isChromeLike(chunk) &&
    next !== undefined &&
    isTitleLike(next) &&
    !isByline(next.text) &&
    (isBodyLike(after) || (after !== undefined && isByline(after.text)))
  )
}

/** A headline: short, not opening with a quotation mark, parenthesis or dateline. It may carry a second deck line. */
function isTitleLike(chunk: Chunk): boolean {
  const lines = chunk.text.split('\n')
  return (
    /[\p{L}\p{N}]/u.test(chunk.text) &&
    lines.length <= 2 &&
    chunk.text.length <= maxHeadlineLength &&
    chunk.text.split(/\s+/).length <= maxHeadlineWords &&
    !/^[("“‘'«]/.test(chunk.text) &&
    !datelinePattern.test(chunk.text)
  )
}

interface ListLines {
  readonly ordered: boolean
  /** The line above the items that introduces them, when there is one. */
  readonly intro?: { readonly start: number; readonly end: number }
  /** Each item's text (after its marker), and where its marker starts. */
  readonly items: readonly { readonly markerStart: number; readonly start: number; readonly end: number }[]
}

/**
 * The lines of a paragraph of wire copy as a list, when there are two or more and every
 * one is a bullet (`* `, `• `…) or a number (`1. `), after at most one introducing line;
 * `undefined` for prose. Wire copy has no Markdown, so bullets are read as lists here
 * rather than kept as text that runs the items together.
 */
function listItems(text: string, start: number, end: number): ListLines | undefined {
  const lines: { start: number; end: number }[] = []
  for (let from = start; from <= end; ) {
    const newline = text.indexOf('\n', from)
    const to = newline === -1 || newline > end ? end : newline
    lines.push({ start: from, end: to })
    from = to + 1
  }
  const lineText = (line: { start: number; end: number }): string => text.slice(line.start, line.end).trim()
  const isItem = (pattern: RegExp) => (line: { start: number; end: number }) => pattern.test(lineText(line))
  for (const [pattern, ordered] of [[bulletLine, false], [numberedLine, true]] as const) {
    const first = lines.findIndex(isItem(pattern))
    if (first === -1 || first > 1) continue
    const itemLines = lines.slice(first)
    // One line that starts with `* ` is as likely prose set by a careless desk as a list.
    if (!itemLines.every(isItem(pattern)) || itemLines.length < 2) continue
    const items = itemLines.map((line) => {
      const leading = text.slice(line.start, line.end).length - text.slice(line.start, line.end).trimStart().length
      const markerStart = line.start + leading
      const marker = (ordered ? /^\d{1,3}[.)][ \t]+/ : /^[*+•·‣-][ \t]+/u).exec(text.slice(markerStart, line.end))?.[0] ?? ''
      return { markerStart, start: markerStart + marker.length, end: line.start + text.slice(line.start, line.end).trimEnd().length }
    })
    const intro = first === 1 ? lines[0] : undefined
    return { ordered, items, ...(intro ? { intro: { start: intro.start, end: intro.start + text.slice(intro.start, intro.end).trimEnd().length } } : {}) }
  }
  return undefined
}

/** The place in the file of [`start`, `end`). */
function positionIn(place: Location, start: number, end: number): Position {
  return {
    start: place.toPoint(start) ?? { line: 1, column: 1 },
    end: place.toPoint(end) ?? place.toPoint(start) ?? { line: 1, column: 1 },
  }
}

/** The chunks above the headline, dropped as site chrome, each reported on `file`. */
function dropChrome(file: VFile, chrome: readonly Chunk[], place: Location): Dropped[] {
  const dropped: Dropped[] = []
  for (const chunk of chrome) {
    const position = positionIn(place, chunk.start, chunk.end)
    dropped.push({ text: chunk.text, position })
    report(file, 'wire-chrome-dropped', `Unexpected \`${chunk.text}\` before the headline, expected the headline first: dropped as site chrome`, position)
  }
  return dropped
}

/** The byline `chunk` is (one line, or with the affiliation on a second line), or `undefined` when it is none. */
function bylineOf(chunk: Chunk): Byline | undefined {
  const twoLines = twoLineBylinePattern.exec(chunk.text)
  if (bylinePattern.test(chunk.text)) return { asPrinted: chunk.text, names: bylineNames(chunk.text) }
  if (twoLines?.[1] !== undefined && twoLines[2] !== undefined) {
    // The names come from the first line alone: the second is the affiliation.
    return { asPrinted: `${twoLines[1].trimEnd()}, ${twoLines[2].trim()}`, names: bylineNames(twoLines[1]) }
  }
  return undefined
}

/** The dateline opening the first paragraph, and the rest of the paragraph; `undefined` when it opens with none. */
function liftDateline(chunk: Chunk): { readonly dateline: Dateline; readonly rest: Chunk } | undefined {
  const match = datelinePattern.exec(chunk.text)
  if (!match || match[0].length >= chunk.text.length) return undefined
  return {
    dateline: { asPrinted: match[0].replace(/\s*(?:—|–|--)\s*$/u, ''), place: match[1] ?? match[0] },
    rest: { text: chunk.text.slice(match[0].length), start: chunk.start + match[0].length, end: chunk.end },
  }
}

/**
 * The body blocks of the chunks after the headline and byline: editor's notes, lists (an
 * introducing line stays a paragraph above its list) and paragraphs, numbered in order.
 */
function wireBody(text: string, chunks: readonly Chunk[], place: Location): Block[] {
  const body: Block[] = []
  const counters = { paragraph: 0, note: 0 }
  const paragraph = (start: number, end: number): Paragraph => {
    const position = positionIn(place, start, end)
    return { type: 'paragraph', id: `p-${++counters.paragraph}`, children: [{ type: 'text', value: text.slice(start, end), position }], position }
  }
  for (const { start, end } of chunks) {
    const value = text.slice(start, end)
    const position = positionIn(place, start, end)
    if (isEditorsNote(value)) {
      body.push({ type: 'editorsNote', id: `note-${++counters.note}`, children: [{ type: 'text', value, position }], position })
      continue
    }
    const items = listItems(text, start, end)
    if (items === undefined) {
      body.push(paragraph(start, end))
      continue
    }
    // A line that introduces the list (`The plan would:`) stays a paragraph above it.
    if (items.intro !== undefined) body.push(paragraph(items.intro.start, items.intro.end))
    const list: List = { type: 'list', ordered: items.ordered, items: items.items.map((item) => [paragraph(item.start, item.end)]), position: positionIn(place, items.items[0]?.markerStart ?? start, end) }
    // Bullets separated by blank lines are one list, as a reader sees them.
    const last = body[body.length - 1]
    if (items.intro === undefined && last?.type === 'list' && last.ordered === list.ordered) {
      body[body.length - 1] = { ...last, items: [...last.items, ...list.items], position: { start: last.position.start, end: list.position.end } }
    } else {
      body.push(list)
    }
  }
  return body
}

/**
 * Parse wire copy into headline, byline, dateline and body blocks. Returns `undefined`
 * (with an error on `file`) when there is no headline to publish under.
 */
export function parseWire(file: VFile): WireParts | undefined {
  const text = String(file.value)
  const place = location(file)
  const chunks = splitParagraphs(text)

  // The headline is the first title line; short labels above another title line are chrome.
  let headlineIndex = 0
  while (headlineIndex < chunks.length - 1 && isChrome(chunks, headlineIndex)) headlineIndex++
  const headline = chunks[headlineIndex]
  if (!headline || !isTitleLike(headline)) {
    report(file, 'wire-headline-missing', 'Unexpected wire copy without a headline line, expected a short title line and a blank line before the first paragraph', { line: 1, column: 1 })
    return undefined
  }

  const dropped = dropChrome(file, chunks.slice(0, headlineIndex), place)
  let bodyStart = headlineIndex + 1
  const bylineChunk = chunks[bodyStart]
  // A byline is never the last chunk: the story follows it.
  const byline = bylineChunk && bodyStart < chunks.length - 1 ? bylineOf(bylineChunk) : undefined
  if (byline) bodyStart++
  const [first, ...others] = chunks.slice(bodyStart)
  const lifted = first === undefined ? undefined : liftDateline(first)
  const body = wireBody(text, lifted === undefined ? chunks.slice(bodyStart) : [lifted.rest, ...others], place)
  return {
    headline: headline.text.replace(/\s+/g, ' '),
    ...(byline ? { byline } : {}),
    ...(lifted ? { dateline: lifted.dateline } : {}),
    body,
    dropped,
  }
}
