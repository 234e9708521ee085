/**
 * The held-back listing (src/site/held-back.ts): one `quote-held-back` message, severity
 * info, per quote the site shows without its speaker, at the quote, with the candidates and
 * the front matter line that would confirm it.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parse } from 'yaml'
import type { Quote } from '../../../src/model/article.js'
import { confirmLine, reportHeldBack } from '../../../src/site/held-back.js'
import { makeArticle } from '../../helpers/article.js'

const at = (line: number, column: number) => ({ start: { line, column, offset: 0 }, end: { line, column: column + 5, offset: 5 } })
const quote = (id: string, extra: Partial<Quote>): Quote => ({ id, text: 'are gone forever.', kind: 'direct', paragraphId: 'p-1', position: at(14, 117), ...extra })
const people = [
  { id: 'p1', name: 'Pamela Falk', kind: 'person' as const, mentions: [] },
  { id: 'p2', name: 'North Korea’s Foreign Ministry', kind: 'organization' as const, mentions: [] },
]

describe('reportHeldBack', () => {
  it('should report each held-back attribution at its quote, as information, with two candidates and the confirming line', () => {
    const file = new VFile({ path: 'content/world/n-korea.md' })
    const article = makeArticle({
      people,
      quotes: [
        quote('q-3', { speakerId: 'p1', confidence: 0.96, position: at(9, 2) }),
        quote('q-4', { speakerId: 'p1', confidence: 0.3, candidates: [{ name: 'Pamela Falk', confidence: 0.3 }, { name: 'Sin Son Ho', confidence: 0.289 }] }),
        quote('q-9', { speakerId: 'p1', confidence: 0.2, confirmed: true }),
        quote('q-10', {}),
      ],
    })
    expect(reportHeldBack(file, article, 0.9)).toBe(1)
    expect(file.messages).toHaveLength(1)
    const [message] = file.messages
    expect([message?.line, message?.column, message?.fatal, message?.ruleId]).toEqual([14, 117, undefined, 'quote-held-back'])
    expect(message?.reason).toBe('Held back the speaker of q-4 (“are gone forever.”): Pamela Falk 0.30, Sin Son Ho 0.29, below the threshold 0.9; `quotes: { q-4: Pamela Falk }` in front matter confirms it')
    expect(message?.note).toBe('If Pamela Falk did not say it, name the speaker the same way (`quotes: { q-4: Sin Son Ho }`), or write `q-4: not a quote`; `attribution.threshold` in dateline.config.json sets the bar for the whole site.')
  })

  it('should name the speaker alone without the model’s candidates, and shorten long quotes', () => {
    const file = new VFile({ path: 'x.md' })
    const text = 'From inside the room, Ambassador Sin appeared intent on getting across the North Korean view'
    reportHeldBack(file, makeArticle({ people, quotes: [quote('q-1', { speakerId: 'p2', confidence: 0.5, text })] }), 0.9)
    expect(file.messages[0]?.reason).toBe('Held back the speaker of q-1 (“From inside the room, Ambassador Sin…”): North Korea’s Foreign Ministry 0.50, below the threshold 0.9; `quotes: { q-1: North Korea’s Foreign Ministry }` in front matter confirms it')
  })

  it('should tell that wire copy takes front matter only once imported', () => {
    const file = new VFile({ path: 'x.txt' })
    reportHeldBack(file, makeArticle({ format: 'wire', people, quotes: [quote('q-1', { speakerId: 'p1', confidence: 0.5 })] }), 0.9)
    expect(file.messages[0]?.note).toContain('`dateline import`')
  })

  it('should report nothing at threshold 0', () => {
    const file = new VFile({ path: 'x.md' })
    expect(reportHeldBack(file, makeArticle({ people, quotes: [quote('q-1', { speakerId: 'p1', confidence: 0 })] }), 0)).toBe(0)
    expect(file.messages).toEqual([])
  })
})

describe('confirmLine', () => {
  it.each([
    ['Pamela Falk', 'quotes: { q-4: Pamela Falk }'],
    ["North Korea's Foreign Ministry", "quotes: { q-4: North Korea's Foreign Ministry }"],
    ['U.S.', 'quotes: { q-4: U.S. }'],
    ['Smith, Jones', 'quotes: { q-4: "Smith, Jones" }'],
    ['Re: the board', 'quotes: { q-4: "Re: the board" }'],
    ['"Jay" Z', 'quotes: { q-4: "\\"Jay\\" Z" }'],
  ])('should write %j so YAML reads it back as that name', (name, line) => {
    expect(confirmLine('q-4', name)).toBe(line)
    expect(parse(line)).toEqual({ quotes: { 'q-4': name } })
  })
})
