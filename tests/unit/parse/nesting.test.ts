import type { Nodes } from 'mdast'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseMarkdownTreeFully } from '../../../src/parse/markdown-tree.js'
import { limitNesting } from '../../../src/parse/nesting.js'

/** How deep block quotes and list items nest in micromark's reading of `text` (a list and its item count once, as the body's own check does). */
function depthOf(text: string): number {
  let deepest = 0
  const stack: [Nodes, number][] = [[parseMarkdownTreeFully(text), 0]]
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry
    const inner = node.type === 'blockquote' || node.type === 'listItem' ? depth + 1 : depth
    deepest = Math.max(deepest, inner)
    if ('children' in node) for (const child of node.children) stack.push([child as Nodes, inner])
  }
  return deepest
}

const containerLine = fc
  .array(fc.constantFrom('>', '> ', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '  ', '   ', '    ', '\t', ' \t', '-', '>>', '- - ', '***', '```', '~~~', '#', 'word', 'x ', '`'), { maxLength: 9 })
  .map((parts) => parts.join(''))
const body = fc.array(fc.oneof(containerLine, fc.constant(''), fc.constant('text')), { minLength: 1, maxLength: 14 }).map((lines) => lines.join('\n'))
/** With HTML blocks and link definitions too, which the scan does not follow (it may count deeper than micromark there, never less). */
const wideLine = fc
  .array(fc.constantFrom('>', '> ', '- ', '* ', '+ ', '1. ', '2) ', '10. ', '  ', '    ', '\t', '-', '- - ', '***', '```', '~~~', 'word', '`', '<div>', '<!--', '-->', '<pre>', '</pre>', '[a]: /x', '===', '---'), { maxLength: 9 })
  .map((parts) => parts.join(''))
const wideBody = fc.array(fc.oneof(wideLine, fc.constant(''), fc.constant('text')), { minLength: 1, maxLength: 20 }).map((lines) => lines.join('\n'))

describe('limitNesting', () => {
  it('should blank a line that opens a block quote past the limit, keeping every offset, and say where it starts', () => {
    const text = '---\ntitle: T\n---\n\n> one\n> > two\n> > > three\n> > > > four\n> > > > > five\n\nafter\n'
    const limited = limitNesting(text, text.indexOf('\n---') + 4, 3)
    expect(limited.text).toHaveLength(text.length)
    expect(limited.text).toBe(text.replace('> > > > four', ' '.repeat(12)).replace('> > > > > five', ' '.repeat(14)))
    // One message for the run of lines, at the marker one level too deep.
    expect(limited.cuts).toEqual([{ line: 8, column: 7, offset: text.indexOf('> four'), kind: 'blockquote' }])
    expect(depthOf(limited.text)).toBe(3)
  })

  it('should follow list items by their indentation and blank the line that opens one past the limit', () => {
    const text = '- a\n  - b\n    - c\n      - d\n- e\n  - - - - f\n'
    const limited = limitNesting(text, 0, 3)
    expect(limited.text.split('\n')).toEqual(['- a', '  - b', '    - c', ' '.repeat(9), '- e', ' '.repeat(11), ''])
    expect(limited.cuts).toEqual([
      { line: 4, column: 7, offset: text.indexOf('- d'), kind: 'list' },
      { line: 6, column: 7, offset: text.indexOf('- - f'), kind: 'list' },
    ])
    expect(depthOf(limited.text)).toBeLessThanOrEqual(3)
    expect(depthOf(text)).toBe(5)
  })

  it('should count list items that go on over blank lines, and lazy lines', () => {
    const text = '- - x\n\n\n    - y\n> a\nlazy\n> > b\n'
    expect(limitNesting(text, 0, 3)).toEqual({ text, cuts: [] })
    expect(limitNesting(text, 0, 2).cuts.map((cut) => cut.line)).toEqual([4])
  })

  it('should not count markers inside fenced code', () => {
    const text = '> ```\n> > > > > x\n> ```\n'
    expect(limitNesting(text, 0, 2)).toEqual({ text, cuts: [] })
  })

  it('should bound what micromark reads to the limit on generated container-heavy bodies (property, differential)', () => {
    fc.assert(
      fc.property(fc.oneof(body, wideBody), fc.integer({ min: 1, max: 4 }), (text, max) => {
        const limited = limitNesting(text, 0, max)
        expect(limited.text).toHaveLength(text.length)
        expect(depthOf(limited.text)).toBeLessThanOrEqual(max)
      }),
      { seed: 18_09, numRuns: 4000 },
    )
  })

  it('should leave a body that nests no deeper than the limit as it is (property, differential)', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 4 }), (text, max) => {
        fc.pre(depthOf(text) <= max)
        expect(limitNesting(text, 0, max)).toEqual({ text, cuts: [] })
      }),
      { seed: 18_10, numRuns: 4000 },
    )
  })
})
