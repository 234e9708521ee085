/**
 * The publication policy (src/quotes/policy.ts): which attributions the site shows, and
 * which it holds back for an editor.
 */
import { describe, expect, it } from 'vitest'
import type { Quote } from '../../../src/model/article.js'
import { resolveConfig } from '../../../src/content/config.js'
import { DEFAULT_PUBLISH_THRESHOLD, heldBackAttributions, isPublished, publishedSpeakerId, publishThreshold } from '../../../src/quotes/policy.js'

const at = { start: { line: 3, column: 2, offset: 20 }, end: { line: 3, column: 9, offset: 27 } }
const quote = (id: string, extra: Partial<Quote>): Quote => ({ id, text: 'Words.', kind: 'direct', paragraphId: 'p-1', position: at, ...extra })

describe('isPublished', () => {
  it.each([
    ['a confident speaker', { speakerId: 'p1', confidence: 0.95 }, 0.9, true],
    ['a speaker exactly at the threshold', { speakerId: 'p1', confidence: 0.9 }, 0.9, true],
    ['an unsure speaker', { speakerId: 'p1', confidence: 0.89 }, 0.9, false],
    ['a speaker with no confidence', { speakerId: 'p1' }, 0.9, false],
    ['an unsure speaker an editor confirmed', { speakerId: 'p1', confidence: 0.1, confirmed: true }, 0.9, true],
    ['no speaker, even confirmed', { confidence: 1, confirmed: true }, 0, false],
    ['any speaker at threshold 0', { speakerId: 'p1', confidence: 0 }, 0, true],
    ['a sure speaker at threshold 1', { speakerId: 'p1', confidence: 0.999 }, 1, false],
  ])('should decide %s', (_, fields, threshold, published) => {
    expect(isPublished(quote('q-1', fields), threshold)).toBe(published)
    expect(publishedSpeakerId(quote('q-1', fields), threshold)).toBe(published ? 'p1' : undefined)
  })
})

describe('publishThreshold', () => {
  it('should read `attribution.threshold` from the configuration, and default without it', () => {
    expect(publishThreshold({ attribution: { threshold: 0.75 } })).toBe(0.75)
    expect(publishThreshold({})).toBe(DEFAULT_PUBLISH_THRESHOLD)
  })

  it('should default the configuration key, and refuse a threshold outside 0–1 at its key', () => {
    const resolved = resolveConfig({})
    expect(resolved.ok && resolved.config.attribution).toEqual({ threshold: DEFAULT_PUBLISH_THRESHOLD })
    const partial = resolveConfig({ attribution: {} })
    expect(partial.ok && partial.config.attribution).toEqual({ threshold: DEFAULT_PUBLISH_THRESHOLD })
    for (const threshold of [1.5, -0.1, 'high']) {
      const bad = resolveConfig({ attribution: { threshold } })
      expect(bad.ok ? [] : bad.problems).toEqual([expect.stringMatching(/^Unexpected value for `attribution\.threshold` in dateline\.config\.json: expected a (confidence|number) from 0 to 1$/)])
    }
    const typo = resolveConfig({ attribution: { treshold: 0.5 } })
    expect(typo.ok).toBe(false)
  })
})

describe('heldBackAttributions', () => {
  it('should list the quotes whose speaker is not published, with the speaker’s name, and nothing else', () => {
    const people = [{ id: 'p1', name: 'Pamela Falk' }]
    const quotes = [
      quote('q-1', { speakerId: 'p1', confidence: 0.97 }),
      quote('q-2', { speakerId: 'p1', confidence: 0.3, candidates: [{ name: 'Pamela Falk', confidence: 0.3 }, { name: 'Sin Son Ho', confidence: 0.29 }] }),
      quote('q-3', {}),
      quote('q-4', { speakerId: 'p1', confidence: 0.2, confirmed: true }),
    ]
    expect(heldBackAttributions(quotes, people, 0.9).map((held) => [held.quote.id, held.speaker])).toEqual([['q-2', 'Pamela Falk']])
    expect(heldBackAttributions(quotes, people, 0)).toEqual([])
  })
})
