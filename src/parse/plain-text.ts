/**
 * Phrasing (mdast inline nodes) flattened to the plain text the quote engine reads, with a
 * map back to source offsets so every quote keeps its place in the file.
 */
import type { Phrasing } from '../model/article.js'

/** A run of plain text and where it came from. */
export interface TextSegment {
  readonly plainStart: number
  readonly plainEnd: number
  /** Source offset of the run's first character; `undefined` when the node has no position. */
  readonly sourceStart: number | undefined
  /** Whether the source holds exactly the plain text (no escapes, entities or markup inside). */
  readonly isExact: boolean
}

export interface FlatText {
  readonly text: string
  readonly segments: readonly TextSegment[]
}

/** Plain text length of one phrasing node, as `flattenPhrasing` counts it. */
export function phrasingLength(node: Phrasing): number {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value.length
    case 'break':
      return 1
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
    case 'quoteSpan':
      return node.children.reduce((sum: number, child: Phrasing) => sum + phrasingLength(child), 0)
    default:
      return 0
  }
}

/**
 * Flatten phrasing to plain text. Text and inline code count as they read; a hard break
 * counts as a newline; images, raw HTML and footnote markers count as nothing.
 *
 * @param source The file's text, to tell exact runs from escaped ones.
 */
export function flattenPhrasing(children: readonly Phrasing[], source: string): FlatText {
  let text = ''
  const segments: TextSegment[] = []
  const visit = (nodes: readonly Phrasing[]): void => {
    for (const node of nodes) {
      if (node.type === 'text' || node.type === 'inlineCode') {
        const start = node.position?.start.offset
        const end = node.position?.end.offset
        const isExact = node.type === 'text' && start !== undefined && end !== undefined && source.slice(start, end) === node.value
        segments.push({
          plainStart: text.length,
          plainEnd: text.length + node.value.length,
          sourceStart: node.type === 'inlineCode' && start !== undefined ? start + 1 : start,
          isExact,
        })
        text += node.value
      } else if (node.type === 'break') {
        segments.push({ plainStart: text.length, plainEnd: text.length + 1, sourceStart: node.position?.start.offset, isExact: false })
        text += '\n'
      } else if ('children' in node) {
        visit(node.children as readonly Phrasing[])
      }
    }
  }
  visit(children)
  return { text, segments }
}

/**
 * Map an offset in flattened text back to the source: exact inside an exact run, the run's
 * start otherwise (an escape such as `\"` makes the two differ).
 */
export function sourceOffsetOf(flat: FlatText, plainOffset: number, fallback: number): number {
  let previous: TextSegment | undefined
  for (const segment of flat.segments) {
    if (plainOffset < segment.plainEnd || (plainOffset === segment.plainEnd && segment.isExact)) {
      if (segment.sourceStart === undefined) return fallback
      if (plainOffset < segment.plainStart) return segment.sourceStart
      return segment.isExact ? segment.sourceStart + (plainOffset - segment.plainStart) : segment.sourceStart
    }
    previous = segment
  }
  if (previous?.sourceStart !== undefined) {
    return previous.isExact ? previous.sourceStart + (previous.plainEnd - previous.plainStart) : previous.sourceStart
  }
  return fallback
}
