/**
 * Editors' corrections in front matter `quotes:` (src/quotes/overrides.ts, applied by
 * parse/article.ts): by quote id or first words, a speaker or `not a quote`, and every bad
 * override as a positioned message, never a crash.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import type { Article, Block, Quote } from '../../../src/model/article.js'
import { parseArticle } from '../../../src/parse/article.js'
import { applyQuoteOverrides } from '../../../src/quotes/overrides.js'
import { isPublished } from '../../../src/quotes/policy.js'

/** Parse a small story whose front matter ends with `overrides` (YAML lines). */
function story(overrides: string, body: string): { article: Article | undefined; file: VFile } {
  const file = new VFile({ path: 'content/world/x.md', value: `---\ntitle: Ferry talks\ndate: 2026-01-01\n${overrides}\n---\n\n${body}` })
  file.data.sourcePath = 'world/x.md'
  return { article: parseArticle(file), file }
}

const body = [
  'Mayor Jane Doe and Port Authority chief Sam Okafor met on Tuesday. Deckhands on the night shift were not asked.',
  '"We will win this," Doe said, "and every ferry will run."',
  'The Harbor Ferry Union called the offer "an insult to every deckhand."',
  '"Thanks," Bill Clinton said. "Welcome," said Hillary Clinton.',
].join('\n\n')

function speakerOf(article: Article | undefined, id: string): string | undefined {
  const quote = article?.quotes.find((candidate) => candidate.id === id)
  return article?.people.find((person) => person.id === quote?.speakerId)?.name
}

function messages(file: VFile): string[] {
  return file.messages.map((message) => `${message.line}:${message.column} ${message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'} ${message.ruleId}`)
}

/** Every quote span id left in the body. */
function spanIds(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) => (block.type === 'paragraph' ? block.children.flatMap((node) => (node.type === 'quoteSpan' ? [node.quoteId] : [])) : []))
}

describe('front matter `quotes:` overrides', () => {
  it('should find the quotes this test is about without any override', () => {
    const { article } = story('', body)
    expect(article?.quotes.map((quote) => [quote.id, quote.text, quote.continues])).toEqual([
      ['q-1', 'We will win this,', undefined],
      ['q-2', 'and every ferry will run.', 'q-1'],
      ['q-3', 'an insult to every deckhand.', undefined],
      ['q-4', 'Thanks,', undefined],
      ['q-5', 'Welcome,', undefined],
    ])
    expect(article?.people.map((person) => person.name)).toEqual(['Jane Doe', 'Sam Okafor', 'Harbor Ferry Union', 'Bill Clinton', 'Hillary Clinton'])
  })

  it('should set the speaker by quote id to a person of the story, confirmed by the editor and published at any threshold', () => {
    const { article, file } = story('quotes:\n  q-3: Sam Okafor', body)
    const quote = article?.quotes.find((candidate) => candidate.id === 'q-3') as Quote
    expect(speakerOf(article, 'q-3')).toBe('Sam Okafor')
    expect(quote).toEqual(expect.objectContaining({ confirmed: true, confidence: 1, attribution: expect.objectContaining({ rule: 'editor', asPrinted: 'q-3: Sam Okafor' }) }))
    expect(quote.attribution?.position.start).toEqual(expect.objectContaining({ line: 5, column: 3 }))
    expect(isPublished(quote, 1)).toBe(true)
    expect(messages(file).filter((line) => line.includes('error'))).toEqual([])
  })

  it('should find the quote by its first words, whatever their case and punctuation', () => {
    const { article } = story('quotes:\n  "AN INSULT, to every": Sam Okafor', body)
    expect(speakerOf(article, 'q-3')).toBe('Sam Okafor')
  })

  it('should resolve a speaker by a form the story uses for them, a title, or a surname of one person', () => {
    expect(speakerOf(story('quotes:\n  q-3: Doe', body).article, 'q-3')).toBe('Jane Doe')
    expect(speakerOf(story('quotes:\n  q-3: Mayor Jane Doe', body).article, 'q-3')).toBe('Jane Doe')
    expect(speakerOf(story('quotes:\n  q-3: Okafor', body).article, 'q-3')).toBe('Sam Okafor')
    expect(speakerOf(story('quotes:\n  q-3: the harbor ferry union', body).article, 'q-3')).toBe('Harbor Ferry Union')
  })

  it('should resolve a variant of a full name (`Hillary Clinton` for `Hillary Rodham Clinton`)', () => {
    const { article } = story('quotes:\n  q-1: Hillary Clinton', '"It was a long day," said Secretary of State Hillary Rodham Clinton.')
    expect(speakerOf(article, 'q-1')).toBe('Hillary Rodham Clinton')
  })

  it('should make a speaker of an organisation or a description printed in the story that the engine did not list', () => {
    const { article } = story('quotes:\n  q-3: Port Authority\n  q-4: deckhands on the night shift', body)
    expect(speakerOf(article, 'q-3')).toBe('Port Authority')
    expect(article?.people.find((person) => person.name === 'Port Authority')?.kind).toBe('organization')
    expect(article?.people.find((person) => person.name === 'deckhands on the night shift')?.kind).toBe('group')
    expect(new Set(article?.people.map((person) => person.id)).size).toBe(article?.people.length)
  })

  it('should drop `not a quote`, keep its words in the body unwrapped, and keep the other ids', () => {
    const { article } = story('quotes:\n  q-4: not a quote', body)
    expect(article?.quotes.map((quote) => quote.id)).toEqual(['q-1', 'q-2', 'q-3', 'q-5'])
    expect(spanIds(article?.body ?? [])).toEqual(['q-1', 'q-2', 'q-3', 'q-5'])
    const last = article?.body[article.body.length - 1]
    expect(last?.type === 'paragraph' && last.children.map((node) => (node.type === 'text' ? node.value : node.type === 'quoteSpan' ? '<q>' : '')).join('')).toBe('"Thanks," Bill Clinton said. "<q>" said Hillary Clinton.')
  })

  it('should drop the unattributed warning of a quote an editor settled', () => {
    const quiet = '"Nobody asked us."\n\nThe meeting ended at noon.'
    expect(messages(story('', quiet).file)).toEqual(['7:2 warning quote-unattributed'])
    expect(messages(story('quotes:\n  q-1: not a quote', quiet).file)).toEqual([])
    const named = story('quotes:\n  q-1: The meeting', quiet)
    expect(messages(named.file)).toEqual([])
    expect(speakerOf(named.article, 'q-1')).toBe('The meeting')
  })

  it('should carry an override of a split quote’s first part to the part that continues it', () => {
    const confirmed = story('quotes:\n  q-1: Sam Okafor', body).article
    expect([speakerOf(confirmed, 'q-1'), speakerOf(confirmed, 'q-2')]).toEqual(['Sam Okafor', 'Sam Okafor'])
    const dropped = story('quotes:\n  q-1: not a quote', body).article
    expect(dropped?.quotes.map((quote) => quote.id)).toEqual(['q-3', 'q-4', 'q-5'])
    const own = story('quotes:\n  q-1: Sam Okafor\n  q-2: Jane Doe', body).article
    expect([speakerOf(own, 'q-1'), speakerOf(own, 'q-2')]).toEqual(['Sam Okafor', 'Jane Doe'])
    const half = story('quotes:\n  q-2: not a quote', body).article
    expect(half?.quotes.map((quote) => [quote.id, quote.continues])).toEqual([['q-1', undefined], ['q-3', undefined], ['q-4', undefined], ['q-5', undefined]])
  })
})

describe('bad `quotes:` overrides', () => {
  it.each([
    ['an unknown id', 'quotes:\n  q-9: Jane Doe', '5:3 error quote-override-unknown', 'Unexpected quote id `q-9` in `quotes:`, expected one of the story’s quotes, `q-1` to `q-5`'],
    ['first words that start no quote', 'quotes:\n  "we will lose": Jane Doe', '5:3 error quote-override-unknown', 'no quote of the story starts with them'],
    ['first words that start two quotes', 'quotes:\n  "we": Jane Doe', '', ''],
    ['a name the story does not mention', 'quotes:\n  q-1: Melinda Gates', '5:3 error quote-override-speaker', 'Unexpected speaker `Melinda Gates` in `quotes:`: the story does not mention them, expected one of `Jane Doe`, `Sam Okafor`'],
    ['a surname of two people', 'quotes:\n  q-1: Clinton', '5:3 error quote-override-speaker', 'Unexpected speaker `Clinton` in `quotes:`: it is the surname of `Bill Clinton` and `Hillary Clinton`, expected one person'],
    ['two overrides of one quote', 'quotes:\n  q-3: Jane Doe\n  "an insult": Sam Okafor', '6:3 error quote-override-conflict', 'Unexpected second override of q-3 in `quotes:`: `q-3` (line 5) already names it'],
    ['a value that is not a name', 'quotes:\n  q-1: [Jane Doe, Sam Okafor]', '5:8 error front-matter-type', 'Unexpected value for `quotes.q-1`'],
    ['an empty value', 'quotes:\n  q-1:', '5:7 error front-matter-type', 'Unexpected value for `quotes.q-1`'],
    ['a list instead of a map', 'quotes: [q-1, q-2]', '4:9 error front-matter-type', 'Unexpected value for `quotes`'],
  ])('should report %s at its line and column, and hold the story back', (_, overrides, where, reason) => {
    const { article, file } = story(overrides, where === '' ? '"We will win," Doe said.\n\n"We will see," said Sam Okafor.' : body)
    expect(article).toBeUndefined()
    const errors = file.messages.filter((message) => message.fatal === true)
    expect(errors).toHaveLength(1)
    if (where === '') {
      expect(messages(file)).toContain('5:3 error quote-override-ambiguous')
      expect(errors[0]?.reason).toBe('Unexpected first words `we` in `quotes:`: they start q-1, q-2, expected one quote')
      return
    }
    expect(messages(file)).toContain(where)
    expect(errors[0]?.reason).toContain(reason)
    expect(errors[0]?.note).toBeTruthy()
  })

  it('should report every bad override at once, and apply none of them', () => {
    const { article, file } = story('quotes:\n  q-9: Jane Doe\n  q-1: Melinda Gates\n  q-3: Sam Okafor', body)
    expect(article).toBeUndefined()
    expect(messages(file).filter((line) => line.includes('error'))).toEqual(['5:3 error quote-override-unknown', '6:3 error quote-override-speaker'])
  })

  it('should never take a name from the front matter itself as printed in the story', () => {
    const { file } = story('source: Melinda Gates Foundation\nquotes:\n  q-1: Melinda Gates', body)
    expect(messages(file)).toContain('6:3 error quote-override-speaker')
  })
})

describe('applyQuoteOverrides', () => {
  const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
  it('should return the engine’s result unchanged when there are no overrides', () => {
    const target = { body: [], quotes: [{ id: 'q-1', text: 'x', kind: 'direct', paragraphId: 'p', position: at } as const], people: [] }
    const result = applyQuoteOverrides(target, [], '', () => {
      throw new Error('no report expected')
    })
    expect(result).toEqual({ ...target, settled: [] })
  })

  it('should report a quote id when the story has no quotes at all', () => {
    const reports: string[] = []
    applyQuoteOverrides({ body: [], quotes: [], people: [] }, [{ key: 'q-1', value: 'Jane Doe', place: { line: 7, column: 3 } }], 'Jane Doe', (rule, message, place) => reports.push(`${place.line}:${place.column} ${rule} ${message}`))
    expect(reports).toEqual(['7:3 quote-override-unknown Unexpected quote id `q-1` in `quotes:`, expected a quote, but the story has none'])
  })
})
