import { describe, expect, it } from 'vitest'
import type { Phrasing } from '../../../src/model/article.js'
import { flattenPhrasing } from '../../../src/parse/plain-text.js'
import { wrapSpans } from '../../../src/parse/wrap-spans.js'

const noPoint = () => undefined

function shape(nodes: readonly Phrasing[]): unknown[] {
  return nodes.map((node) => {
    if (node.type === 'text') return node.value
    if (node.type === 'quoteSpan') return { q: node.quoteId, first: node.isFirst, children: shape(node.children) }
    if ('children' in node) return { [node.type]: shape(node.children as readonly Phrasing[]) }
    return node.type
  })
}

describe('wrapSpans', () => {
  it('should split a text node around a quote', () => {
    const children: Phrasing[] = [{ type: 'text', value: 'He said "we win" today.' }]
    const out = wrapSpans(children, [{ start: 9, end: 15, quoteId: 'q-1', isFirst: true }], 0, '', noPoint)
    expect(shape(out)).toEqual(['He said "', { q: 'q-1', first: true, children: ['we win'] }, '" today.'])
    expect(flattenPhrasing(out, '').text).toBe('He said "we win" today.')
  })

  it('should wrap across emphasis when the quote covers it', () => {
    const children: Phrasing[] = [
      { type: 'text', value: '"a ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'b' }] },
      { type: 'text', value: ' c," she said.' },
    ]
    const out = wrapSpans(children, [{ start: 1, end: 7, quoteId: 'q-1', isFirst: true }], 0, '', noPoint)
    expect(shape(out)).toEqual(['"', { q: 'q-1', first: true, children: ['a ', { emphasis: ['b'] }, ' c,'] }, '" she said.'])
  })

  it('should wrap inside a link when the quote lies within it', () => {
    const children: Phrasing[] = [{ type: 'link', url: 'https://x.test', children: [{ type: 'text', value: 'the "best" plan' }] }]
    const out = wrapSpans(children, [{ start: 5, end: 9, quoteId: 'q-2', isFirst: false }], 0, '', noPoint)
    expect(shape(out)).toEqual([{ link: ['the "', { q: 'q-2', first: false, children: ['best'] }, '" plan'] }])
  })

  it('should wrap two quotes in one paragraph and keep every character', () => {
    const value = '"One," he said, "two."'
    const out = wrapSpans([{ type: 'text', value }], [
      { start: 1, end: 5, quoteId: 'q-1', isFirst: true },
      { start: 17, end: 21, quoteId: 'q-2', isFirst: true },
    ], 0, '', noPoint)
    expect(flattenPhrasing(out, '').text).toBe(value)
    expect(out.filter((n) => n.type === 'quoteSpan')).toHaveLength(2)
  })

  it('should keep exact positions for split text', () => {
    const source = 'ab "cd" ef'
    const children: Phrasing[] = [{ type: 'text', value: source, position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 11, offset: 10 } } }]
    const out = wrapSpans(children, [{ start: 4, end: 6, quoteId: 'q-1', isFirst: true }], 0, source, (offset) => ({ line: 1, column: offset + 1, offset }))
    expect(out[1]?.position?.start.offset).toBe(4)
    expect(out[1]?.position?.end.offset).toBe(6)
  })
})
