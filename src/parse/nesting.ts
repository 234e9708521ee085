/**
 * The nesting bound, enforced before micromark reads a body.
 *
 * micromark's work grows with how deep block quotes and lists nest times how many lines
 * they span: each line walks every open container. 1 MB of block quotes one level deeper
 * per line took 28 s and 1.7 GB; 200 KB of lists one level deeper per line, 30 s; 2,000
 * list items opened on one line and 2,000 blank lines after them (which every item goes
 * on over), 25 s for 6 KB. Checking the depth on the tree it built came too late.
 *
 * So the body is scanned first, once, line by line, following the container prefixes the
 * way micromark's document tokenizer does (`>` markers, list markers, list items going on
 * over blank lines and lines indented to their content, lazy paragraph lines, fenced and
 * indented code, and when a list item may interrupt a paragraph). A line that would open a
 * container deeper than `max` is blanked out whole: replaced by spaces, so every offset,
 * line and column of the file stays true, and scanned again as the blank line micromark
 * will read. The scan holds at most `max` containers, so it costs at most `max` steps a
 * line plus the line's characters.
 *
 * Where micromark's own rules are too intricate to follow (HTML blocks, link reference
 * definitions), the scan counts containers micromark would not open, which can only blank
 * a line that nests more than `max` deep by its markers. Property tests hold the scan to
 * micromark on generated container-heavy bodies, both ways: what micromark reads after it
 * never nests deeper than `max`, and a body within `max` is left as it is. The depth check
 * on the tree (`markdown.ts`) stays, and the parse's time limit stays as the last guard.
 */

/** Where a run of blanked lines starts: 1-based line and column, and offset. */
export interface NestingCut {
  readonly line: number
  readonly column: number
  readonly offset: number
  /** The container that would have been opened one level too deep. */
  readonly kind: 'blockquote' | 'list'
}

export interface NestingLimited {
  /** The text with every line that nests too deep blanked (the same string when none does). */
  readonly text: string
  /** Where each run of blanked lines starts. */
  readonly cuts: readonly NestingCut[]
}

interface Container {
  readonly kind: 'blockquote' | 'list'
  /** For a list item: columns its content is indented by, from where its parent's content starts. */
  readonly indent: number
  /** For a list item: its first line was blank. */
  readonly startedBlank: boolean
  /** For a list item that began blank: a blank line followed, so the next other line ends it. */
  readonly endsAfterBlank: boolean
}

/** What the scan knows after a line: micromark's open containers and the block open in the innermost. */
interface State {
  readonly stack: readonly Container[]
  /**
   * The multi-line block open in the innermost container: a paragraph (which lazy lines
   * go on), or indented code (which goes on over blank lines); `indented-lazy` is indented
   * code that began on a line that did not go on in every container nor open one;
   * `maybe-paragraph` is a paragraph or an HTML block or link definition, which the scan
   * does not tell apart: lazy lines go on in it, and it holds no list item back.
   */
  readonly flow: 'none' | 'paragraph' | 'maybe-paragraph' | 'indented' | 'indented-lazy'
  /** Open fenced code: its fence, and how many containers hold it. */
  readonly fence: { readonly marker: string; readonly depth: number } | undefined
  /**
   * A line began with `<`: from there on some lines may be in HTML blocks, which run over
   * blank lines to end markers the scan does not follow. So it trusts no fence (a fence in
   * an HTML block is text) and holds no list item back any more: both can only count more.
   */
  readonly html: boolean
}

/** A place in a line: the offset, and the column it stands for (a tab may be partly used). */
interface Cursor {
  pos: number
  col: number
}

const space = 32
const tab = 9
const greaterThan = 62

/** Where the whitespace at `cursor` ends (tabs stop every 4 columns; a partly used tab counts from `col`). */
function whitespaceEnd(text: string, cursor: Cursor, lineEnd: number): Cursor {
  let { pos, col } = cursor
  while (pos < lineEnd) {
    const code = text.charCodeAt(pos)
    if (code === space) col++
    else if (code === tab) col += 4 - (col % 4)
    else break
    pos++
  }
  return { pos, col }
}

/** Use `columns` columns of the whitespace at `cursor` (the caller checked there are enough). */
function consumeColumns(text: string, cursor: Cursor, columns: number): void {
  const target = cursor.col + columns
  while (cursor.col < target) {
    const code = text.charCodeAt(cursor.pos)
    const next = code === tab ? cursor.col + 4 - (cursor.col % 4) : cursor.col + 1
    if (next > target) {
      // Part of a tab: the rest of it is whitespace of what follows.
      cursor.col = target
      return
    }
    cursor.col = next
    cursor.pos++
  }
}

function isBlank(text: string, from: number, lineEnd: number): boolean {
  for (let pos = from; pos < lineEnd; pos++) {
    const code = text.charCodeAt(pos)
    if (code !== space && code !== tab) return false
  }
  return true
}

const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/
const fenceOpen = /^(?:`{3,}[^`]*|~{3,}.*)$/
const fenceClose = /^ {0,3}(`{3,}|~{3,})[ \t]*$/
const atxHeading = /^#{1,6}(?:[ \t]|$)/
const setextUnderline = /^(?:=+|-+)[ \t]*$/

/** The width of a list marker at `pos` (a bullet, or 1–9 digits and `.` or `)`) followed by whitespace or the line's end; 0 when there is none. */
function listMarker(text: string, pos: number, lineEnd: number): number {
  const code = text.charCodeAt(pos)
  let width: number
  if (code === 45 /* - */ || code === 43 /* + */ || code === 42 /* * */) width = 1
  else {
    let digits = 0
    while (digits < 10 && pos + digits < lineEnd && text.charCodeAt(pos + digits) >= 48 && text.charCodeAt(pos + digits) <= 57) digits++
    const after = text.charCodeAt(pos + digits)
    if (digits === 0 || digits > 9 || (after !== 46 /* . */ && after !== 41 /* ) */)) return 0
    width = digits + 1
  }
  const next = pos + width
  if (next < lineEnd && text.charCodeAt(next) !== space && text.charCodeAt(next) !== tab) return 0
  return width
}

/**
 * Whether a line that does not go on in every open container starts a block of its own,
 * so it is no lazy line of the open paragraph. On such a line micromark lets any container
 * start (it holds list items back only while every container goes on), so any list marker counts.
 */
function interrupts(text: string, cursor: Cursor, lineEnd: number): boolean {
  const end = whitespaceEnd(text, cursor, lineEnd)
  // Indented four columns or more: the paragraph's continuation.
  if (end.col - cursor.col > 3) return false
  const rest = text.slice(end.pos, lineEnd)
  return rest.startsWith('>') || atxHeading.test(rest) || fenceOpen.test(rest) || thematicBreak.test(rest) || listMarker(text, end.pos, lineEnd) > 0
}

/** The state after the line [`lineStart`, `lineEnd`), and whether it opens a container deeper than `max` (and which, where). */
function scanLine(text: string, lineStart: number, lineEnd: number, state: State, max: number): { readonly state: State; readonly tooDeep?: { readonly offset: number; readonly kind: Container['kind'] } } {
  const cursor: Cursor = { pos: lineStart, col: 0 }
  const stack = [...state.stack]
  let { flow, fence, html } = state

  // Which open containers the line goes on in.
  let matched = 0
  for (; matched < stack.length; matched++) {
    const container = stack[matched] as Container
    if (container.kind === 'blockquote') {
      const end = whitespaceEnd(text, cursor, lineEnd)
      if (end.col - cursor.col > 3 || text.charCodeAt(end.pos) !== greaterThan) break
      cursor.pos = end.pos + 1
      cursor.col = end.col + 1
      const after = text.charCodeAt(cursor.pos)
      if (after === space || after === tab) consumeColumns(text, cursor, 1)
    } else if (isBlank(text, cursor.pos, lineEnd)) {
      // A list item goes on over blank lines (one that began blank, until its next other line)…
      if (container.startedBlank) stack[matched] = { ...container, endsAfterBlank: true }
    } else {
      // …and over lines indented to its content (after which a blank line no longer ends it).
      const end = whitespaceEnd(text, cursor, lineEnd)
      if (container.endsAfterBlank || end.col - cursor.col < container.indent) break
      consumeColumns(text, cursor, container.indent)
      if (container.startedBlank) stack[matched] = { ...container, startedBlank: false }
    }
  }
  const all = matched === stack.length

  if (fence !== undefined && all) {
    // Inside fenced code no container starts; a closing fence ends it.
    const close = fenceClose.exec(text.slice(cursor.pos, lineEnd))
    if (close && (close[1] as string)[0] === fence.marker[0] && (close[1] as string).length >= fence.marker.length) fence = undefined
    return { state: { stack, flow, fence, html } }
  }
  if (!all && (flow === 'paragraph' || flow === 'maybe-paragraph') && !isBlank(text, cursor.pos, lineEnd) && !interrupts(text, cursor, lineEnd)) {
    // A lazy line: the paragraph goes on in the innermost container.
    return { state: { stack, flow, fence, html } }
  }
  // While every container goes on and a paragraph or indented code is open, a list item
  // may only start with content, and an ordered one only as `1.` (micromark's `interrupt`,
  // which holds for the rest of the line). Indented code that began on a lazy line does not.
  const interrupting = all && !html && (flow === 'paragraph' || flow === 'indented')
  if (!all) {
    stack.length = matched
    flow = 'none'
  }
  fence = undefined
  const before = stack.length
  // The containers the line opens.
  for (;;) {
    const end = whitespaceEnd(text, cursor, lineEnd)
    const indent = end.col - cursor.col
    if (indent > 3 || end.pos >= lineEnd) break
    let container: Container | undefined
    let width = 1
    if (text.charCodeAt(end.pos) === greaterThan) container = { kind: 'blockquote', indent: 0, startedBlank: false, endsAfterBlank: false }
    else if (!thematicBreak.test(text.slice(end.pos, lineEnd))) {
      width = listMarker(text, end.pos, lineEnd)
      if (width > 0) {
        const afterMarker: Cursor = { pos: end.pos + width, col: end.col + width }
        const content = whitespaceEnd(text, afterMarker, lineEnd)
        const spaces = content.col - afterMarker.col
        const empty = content.pos >= lineEnd
        const held = interrupting && (empty || (width > 1 && !(width === 2 && text.charCodeAt(end.pos) === 49 /* 1 */)))
        if (!held) container = { kind: 'list', indent: indent + width + (empty || spaces > 4 ? 1 : spaces), startedBlank: empty, endsAfterBlank: false }
      }
    }
    if (container === undefined) break
    if (stack.length === max) return { state: { stack, flow, fence, html }, tooDeep: { offset: end.pos, kind: container.kind } }
    stack.push(container)
    flow = 'none'
    cursor.pos = end.pos + width
    cursor.col = end.col + width
    // A block quote's marker takes one space after it; a list item's, up to four (with more,
    // one: its content starts with indented code).
    const spaces = whitespaceEnd(text, cursor, lineEnd).col - cursor.col
    if (spaces > 0) consumeColumns(text, cursor, container.kind === 'blockquote' ? 1 : spaces > 4 ? 1 : spaces)
  }
  // The block the line holds.
  const end = whitespaceEnd(text, cursor, lineEnd)
  const leaf = text.slice(end.pos, lineEnd)
  if (end.pos >= lineEnd) {
    if (flow === 'paragraph' || flow === 'maybe-paragraph') flow = 'none'
  } else if (flow === 'maybe-paragraph') {
    // Whatever it is, it goes on.
  } else if (end.col - cursor.col >= 4) {
    // Indented code (a paragraph goes on): on a line that goes on in every container, micromark starts it anew.
    if (flow !== 'paragraph') flow = all || stack.length > before ? 'indented' : 'indented-lazy'
  } else if (fenceOpen.test(leaf) && !html) {
    fence = { marker: (/^(?:`+|~+)/.exec(leaf) as RegExpExecArray)[0], depth: stack.length }
    flow = 'none'
  } else if (atxHeading.test(leaf) || thematicBreak.test(leaf) || (flow === 'paragraph' && setextUnderline.test(leaf))) {
    // A heading (a setext underline ends the paragraph above it) or a rule.
    flow = 'none'
  } else if (leaf.startsWith('<')) {
    // An HTML block, or a paragraph: some HTML blocks interrupt one.
    flow = 'maybe-paragraph'
    html = true
  } else if (flow !== 'paragraph') flow = leaf.startsWith('[') ? 'maybe-paragraph' : 'paragraph'
  return { state: { stack, flow, fence, html } }
}

/**
 * Blank out every line of `text` (from offset `start`, where the body begins) that opens
 * a block quote or list item deeper than `max`, and say where each run of them starts.
 */
export function limitNesting(text: string, start: number, max: number): NestingLimited {
  let state: State = { stack: [], flow: 'none', fence: undefined, html: false }
  const cuts: NestingCut[] = []
  /** Offsets [from, to) of the lines to blank, in order. */
  const blanks: number[] = []
  let inCutRun = false
  let line = 1
  let lineStart = 0
  if (start > 0) {
    // `start` is the end of the front matter's closing line: the body is the next line.
    const newline = text.indexOf('\n', start)
    lineStart = newline === -1 ? text.length : newline + 1
    line = text.slice(0, lineStart).split('\n').length
  }
  for (; lineStart <= text.length; line++) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const scanned = scanLine(text, lineStart, lineEnd, state, max)
    if (scanned.tooDeep === undefined) {
      state = scanned.state
      if (!isBlank(text, lineStart, lineEnd)) inCutRun = false
    } else {
      blanks.push(lineStart, lineEnd)
      if (!inCutRun) cuts.push({ line, column: scanned.tooDeep.offset - lineStart + 1, offset: scanned.tooDeep.offset, kind: scanned.tooDeep.kind })
      inCutRun = true
      // micromark reads a blank line here.
      state = scanLine(text, lineStart, lineStart, state, max).state
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  if (blanks.length === 0) return { text, cuts }
  const parts: string[] = []
  let from = 0
  for (let index = 0; index < blanks.length; index += 2) {
    const blankFrom = blanks[index] as number
    const blankTo = blanks[index + 1] as number
    parts.push(text.slice(from, blankFrom), ' '.repeat(blankTo - blankFrom))
    from = blankTo
  }
  parts.push(text.slice(from))
  return { text: parts.join(''), cuts }
}
