/**
 * Wrap runs of phrasing in `quoteSpan` nodes, splitting text nodes where a quote starts or
 * ends inside them. Ranges are plain-text offsets as `flattenPhrasing` counts them.
 */
import type { Point, Position } from 'unist'
import type { Phrasing, QuoteSpan } from '../model/article.js'
import { phrasingLength } from './plain-text.js'

export interface SpanRange {
  readonly start: number
  readonly end: number
  readonly quoteId: string
  readonly isFirst: boolean
}

type ParentPhrasing = Extract<Phrasing, { children: readonly unknown[] }>

interface Piece {
  readonly node: Phrasing
  readonly start: number
  readonly end: number
}

function isParent(node: Phrasing): node is ParentPhrasing {
  return 'children' in node && node.type !== 'quoteSpan'
}

/**
 * Split top-level text nodes at every range boundary that falls inside them.
 *
 * @param pointAt Turns a source offset into a point, to keep positions of split text exact.
 */
function splitPieces(children: readonly Phrasing[], ranges: readonly SpanRange[], base: number, source: string, pointAt: (offset: number) => Point | undefined): Piece[] {
  const cuts = ranges.flatMap((range) => [range.start, range.end])
  const pieces: Piece[] = []
  let offset = base
  for (const node of children) {
    const length = phrasingLength(node)
    const end = offset + length
    if (node.type !== 'text') {
      pieces.push({ node, start: offset, end })
      offset = end
      continue
    }
    const inside = [...new Set(cuts.filter((cut) => cut > offset && cut < end))].sort((a, b) => a - b)
    const sourceStart = node.position?.start.offset
    const sourceEnd = node.position?.end.offset
    const isExact = sourceStart !== undefined && sourceEnd !== undefined && source.slice(sourceStart, sourceEnd) === node.value
    let from = offset
    for (const cut of [...inside, end]) {
      const value = node.value.slice(from - offset, cut - offset)
      let position: Position | undefined = node.position
      if (isExact && sourceStart !== undefined) {
        const startPoint = pointAt(sourceStart + (from - offset))
        const endPoint = pointAt(sourceStart + (cut - offset))
        if (startPoint && endPoint) position = { start: startPoint, end: endPoint }
      }
      pieces.push({ node: position ? { type: 'text', value, position } : { type: 'text', value }, start: from, end: cut })
      from = cut
    }
    offset = end
  }
  return pieces
}

function spanOf(range: SpanRange, nodes: readonly Phrasing[]): QuoteSpan {
  const first = nodes[0]?.position
  const last = nodes[nodes.length - 1]?.position
  return {
    type: 'quoteSpan',
    quoteId: range.quoteId,
    isFirst: range.isFirst,
    children: nodes,
    position: first && last ? { start: first.start, end: last.end } : undefined,
  }
}

/**
 * Return `children` with each range wrapped in a `quoteSpan`. Ranges must be sorted and
 * must not overlap. A range that starts or ends inside emphasis or a link is wrapped at the
 * deepest level that holds it whole, widened to whole nodes where it straddles one.
 *
 * @param base Plain-text offset of the first child.
 * @param source The file's text.
 */
export function wrapSpans(
  children: readonly Phrasing[],
  ranges: readonly SpanRange[],
  base: number,
  source: string,
  pointAt: (offset: number) => Point | undefined,
): Phrasing[] {
  const usable = ranges.filter((range) => range.end > range.start)
  if (usable.length === 0) return [...children]
  const pieces = splitPieces(children, usable, base, source, pointAt)
  const out: Phrasing[] = []
  let k = 0
  let r = 0
  while (k < pieces.length) {
    const piece = pieces[k] as Piece
    const range = usable[r]
    if (!range || piece.end <= range.start) {
      out.push(piece.node)
      k++
      continue
    }
    if (isParent(piece.node) && range.start >= piece.start && range.end <= piece.end && !(range.start === piece.start && range.end === piece.end)) {
      const inner: SpanRange[] = []
      while (r < usable.length && (usable[r] as SpanRange).end <= piece.end) inner.push(usable[r++] as SpanRange)
      const wrapped = wrapSpans(piece.node.children as readonly Phrasing[], inner, piece.start, source, pointAt)
      out.push({ ...piece.node, children: wrapped } as Phrasing)
      k++
      continue
    }
    const group: Phrasing[] = []
    let groupEnd = piece.start
    while (k < pieces.length && (pieces[k] as Piece).start < range.end) {
      group.push((pieces[k] as Piece).node)
      groupEnd = (pieces[k] as Piece).end
      k++
    }
    out.push(spanOf(range, group))
    r++
    // A range that a widened group already covers cannot be wrapped again.
    while (r < usable.length && (usable[r] as SpanRange).start < groupEnd) r++
  }
  return out
}
