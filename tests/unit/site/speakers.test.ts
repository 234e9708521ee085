import { describe, expect, it } from 'vitest'
import type { Article, Block, Person, Quote } from '../../../src/model/article.js'
import type { ArticleEntry } from '../../../src/model/site.js'
import { choosePullQuote, indexSpeakers, isSameName, placePullQuote, readsOnItsOwn } from '../../../src/site/speakers.js'
import { makeArticle } from '../../helpers/article.js'

const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }

/** A quote; one with a speaker is confident enough to be published at the default threshold unless `extra` says otherwise. */
function quote(id: string, speakerId: string | undefined, text: string, extra: Partial<Quote> = {}): Quote {
  return { id, text, kind: 'direct', paragraphId: 'p-1', position: at, ...(speakerId ? { speakerId, confidence: 0.99 } : {}), ...extra }
}

function entry(id: string, people: Person[], quotes: Quote[], published = '2026-01-01'): ArticleEntry {
  const article: Article = makeArticle({ id, slug: id, sourcePath: `${id}.md`, people, quotes, published })
  return { article, url: `/world/${id}/`, outputPath: `world/${id}/index.html` }
}

const person = (id: string, name: string, role?: string): Person => ({ id, name, kind: 'person', mentions: [name], ...(role ? { role } : {}) })

describe('isSameName', () => {
  it.each([
    ['Hillary Rodham Clinton', 'Hillary Clinton', true],
    ['Donald J. Trump', 'Donald Trump', true],
    ['Mr. Leonard Burman', 'Leonard Burman', true],
    ['Bill Clinton', 'Hillary Clinton', false],
    ['Clinton', 'Hillary Clinton', false],
    ['Ivanka Trump', 'Donald Trump', false],
  ])('should tell whether %j and %j name one person: %s', (a, b, same) => {
    expect(isSameName(a, b)).toBe(same)
  })
})

describe('indexSpeakers', () => {
  it('should merge name variants across articles and count a split quote once', () => {
    const newer = entry('b', [person('p1', 'Hillary Clinton', 'Secretary of State')], [quote('q-1', 'p1', 'Later words.')], '2026-02-01')
    const older = entry('a', [person('p1', 'Hillary Rodham Clinton', 'U.S. Secretary of State'), person('p2', 'Bill Clinton')], [
      quote('q-1', 'p1', 'First half,'),
      quote('q-2', 'p1', 'second half.', { continues: 'q-1' }),
      quote('q-3', 'p2', 'Different person.'),
    ])
    const index = indexSpeakers([newer, older], '/')
    expect(index.speakers.map((s) => [s.name, s.quoteCount, s.quotes.length, s.url])).toEqual([
      ['Hillary Rodham Clinton', 2, 3, '/people/hillary-rodham-clinton/'],
      ['Bill Clinton', 1, 1, '/people/bill-clinton/'],
    ])
    expect(index.speakers[0]?.quotes.map((q) => q.url)).toEqual(['/world/b/#q-1', '/world/a/#q-1', '/world/a/#q-2'])
    expect(index.urlOf('b', 'p1')).toBe('/people/hillary-rodham-clinton/')
  })

  it('should give the first part of a split quote its later parts, however they are chained', () => {
    const index = indexSpeakers([entry('a', [person('p1', 'Ada Lovelace')], [
      quote('q-1', 'p1', 'One,'),
      quote('q-2', 'p1', 'two,', { continues: 'q-1' }),
      quote('q-3', 'p1', 'three.', { continues: 'q-2' }),
      quote('q-4', 'p1', 'Alone.'),
    ])], '/')
    const [speaker] = index.speakers
    expect(speaker?.quoteCount).toBe(2)
    expect(speaker?.quotes.map((q) => [q.quote.id, q.isContinuation, q.continuedBy.map((part) => part.id)])).toEqual([
      ['q-1', false, ['q-2', 'q-3']],
      ['q-2', true, []],
      ['q-3', true, []],
      ['q-4', false, []],
    ])
  })

  it('should leave out people who are described but never quoted', () => {
    const index = indexSpeakers([entry('a', [person('p1', 'Ada Lovelace')], [quote('q-1', undefined, 'Nobody said this.')])], '/')
    expect(index.speakers).toEqual([])
  })

  it('should never merge speakers quoted under a description across articles, nor give them a page (officials, the company)', () => {
    const officials = (id: string): Person => ({ id, name: 'officials', kind: 'group', mentions: ['officials'] })
    const company: Person = { id: 'o1', name: 'the company', kind: 'organization', mentions: ['the company'] }
    const chamber: Person = { id: 'o2', name: 'the Chamber of Commerce', kind: 'organization', mentions: [] }
    const index = indexSpeakers(
      [
        entry('b', [officials('g1'), company, chamber], [quote('q-1', 'g1', 'Later.'), quote('q-2', 'o1', 'Sales fell.'), quote('q-3', 'o2', 'Jobs first.')], '2026-02-01'),
        entry('a', [officials('g1')], [quote('q-1', 'g1', 'Earlier.')]),
      ],
      '/',
    )
    expect(index.speakers.map((s) => s.name)).toEqual(['the Chamber of Commerce'])
    expect(index.described.map((s) => [s.name, s.quotes.map((q) => q.url)])).toEqual([
      ['officials', ['/world/b/#q-1']],
      ['the company', ['/world/b/#q-2']],
      ['officials', ['/world/a/#q-1']],
    ])
    expect(index.urlOf('b', 'g1')).toBeUndefined()
  })

  it('should keep an organisation apart from a person of the same words', () => {
    const org: Person = { id: 'o1', name: 'North Korea’s Foreign Ministry', kind: 'organization', mentions: [] }
    const index = indexSpeakers([entry('a', [org], [quote('q-1', 'o1', 'a funny lady')])], '/news/')
    expect(index.speakers[0]).toEqual(expect.objectContaining({ kind: 'organization', url: '/news/people/north-koreas-foreign-ministry/' }))
  })
})

describe('indexSpeakers and the publication policy', () => {
  it('should give no page, no count and no URL to a speaker whose quotes are all held back', () => {
    const index = indexSpeakers(
      [entry('a', [person('p1', 'Pamela Falk'), person('p2', 'Sin Son Ho')], [quote('q-1', 'p1', 'Sure.', { confidence: 0.97 }), quote('q-2', 'p2', 'Unsure.', { confidence: 0.4 }), quote('q-3', 'p1', 'Unsure too.', { confidence: 0.4 })])],
      '/',
      { threshold: 0.9 },
    )
    expect(index.speakers.map((s) => [s.name, s.quoteCount])).toEqual([['Pamela Falk', 1]])
    expect(index.urlOf('a', 'p2')).toBeUndefined()
  })

  it('should publish what an editor confirmed whatever the confidence, and everything at threshold 0', () => {
    const article = entry('a', [person('p1', 'Sin Son Ho')], [quote('q-1', 'p1', 'Unsure.', { confidence: 0.1, confirmed: true }), quote('q-2', 'p1', 'Unsure.', { confidence: 0.1 })])
    expect(indexSpeakers([article], '/', { threshold: 0.9 }).speakers.map((s) => s.quoteCount)).toEqual([1])
    expect(indexSpeakers([article], '/', { threshold: 0 }).speakers.map((s) => s.quoteCount)).toEqual([2])
  })
})

describe('indexSpeakers with a people file', () => {
  const file = (...people: { name: string; role?: string; aliases?: string[]; distinct?: string[] }[]) => ({ people: people.map((p) => ({ aliases: [], distinct: [], ...p })) })

  it('should merge an alias into the canonical name, with the file’s name and role first', () => {
    const index = indexSpeakers(
      [entry('b', [person('p1', 'HRC', 'candidate')], [quote('q-1', 'p1', 'Later.')], '2026-02-01'), entry('a', [person('p1', 'Hillary Clinton', 'senator')], [quote('q-1', 'p1', 'Earlier.')])],
      '/',
      { directory: file({ name: 'Hillary Rodham Clinton', role: 'U.S. Secretary of State', aliases: ['HRC', 'Hillary Clinton'] }) },
    )
    expect(index.speakers.map((s) => [s.name, s.slug, s.roles, s.quoteCount])).toEqual([['Hillary Rodham Clinton', 'hillary-rodham-clinton', ['U.S. Secretary of State', 'candidate', 'senator'], 2]])
    expect(index.urlOf('b', 'p1')).toBe('/people/hillary-rodham-clinton/')
  })

  it('should merge a variant of a listed name into its entry whichever story comes first', () => {
    for (const order of [['a', 'b'], ['b', 'a']]) {
      const stories = { a: entry('a', [person('p1', 'Hillary Clinton')], [quote('q-1', 'p1', 'One.')]), b: entry('b', [person('p1', 'Hillary Rodham Clinton')], [quote('q-1', 'p1', 'Two.')]) }
      const index = indexSpeakers(order.map((id) => stories[id as 'a' | 'b']), '/', { directory: file({ name: 'Hillary Rodham Clinton' }) })
      expect(index.speakers.map((s) => [s.name, s.quoteCount])).toEqual([['Hillary Rodham Clinton', 2]])
    }
  })

  it('should keep apart names the file says are someone else, which would merge without it', () => {
    const stories = [entry('b', [person('p1', 'John Smith', 'plumber')], [quote('q-1', 'p1', 'Pipes.')], '2026-02-01'), entry('a', [person('p1', 'John Q. Smith', 'mayor')], [quote('q-1', 'p1', 'Budget.')])]
    expect(indexSpeakers(stories, '/').speakers.map((s) => s.name)).toEqual(['John Q. Smith'])
    const index = indexSpeakers(stories, '/', { directory: file({ name: 'John Q. Smith', distinct: ['John Smith'] }) })
    expect(index.speakers.map((s) => [s.name, s.url]).sort()).toEqual([
      ['John Q. Smith', '/people/john-q-smith/'],
      ['John Smith', '/people/john-smith/'],
    ])
  })

  it('should give no page to an entry nobody is quoted under', () => {
    const index = indexSpeakers([entry('a', [person('p1', 'Ada Lovelace')], [quote('q-1', 'p1', 'Words.')])], '/', { directory: file({ name: 'Grace Hopper', aliases: ['Amazing Grace'] }) })
    expect(index.speakers.map((s) => s.name)).toEqual(['Ada Lovelace'])
  })
})

describe('placePullQuote', () => {
  const speakerA = person('a', 'Ana Lima')
  const speakerB = person('b', 'Bo Chan')
  const paragraph = (n: number): Block => ({ type: 'paragraph', id: `p-${n}`, children: [{ type: 'text', value: `Paragraph ${n}.` }], position: at })
  /** A body of `count` paragraphs, p-1 to p-count. */
  const body = (count: number): Block[] => Array.from({ length: count }, (_, n) => paragraph(n + 1))
  const quotes = [
    quote('q-1', 'b', 'A single long direct quote from the less quoted speaker, which is long.', { paragraphId: 'p-1' }),
    quote('q-2', 'a', 'Short.', { paragraphId: 'p-2' }),
    quote('q-3', 'a', 'We will not stop until every ferry runs on time, every day of the week.', { paragraphId: 'p-2' }),
    quote('q-4', 'a', 'partial words inside a sentence that goes on', { kind: 'partial', paragraphId: 'p-2' }),
  ]

  it('should pick a direct, readable quote of the most-quoted speaker', () => {
    expect(choosePullQuote(makeArticle({ people: [speakerA, speakerB], quotes, body: body(8) }))?.id).toBe('q-3')
  })

  it('should place it after the opening paragraphs, never above the first, and never beside its own paragraph', () => {
    // The seed story: its pull quote was set above the opening paragraph, repeating one two paragraphs on.
    expect(placePullQuote(makeArticle({ people: [speakerA, speakerB], quotes, body: body(8) }))).toEqual({ quote: quotes[2], before: 3 })
    // A quote in the fourth paragraph: not between the third and fourth, nor the fourth and fifth.
    const fourth = [quote('q-1', 'a', 'We will not stop until every ferry runs on time, every day of the week.', { paragraphId: 'p-4' })]
    expect(placePullQuote(makeArticle({ people: [speakerA], quotes: fourth, body: body(8) }))?.before).toBe(5)
    // After a subheading is no place for it: the first place after three paragraphs that follows one.
    const headed: Block[] = [...body(3), { type: 'subheading', id: 'h-1', depth: 2, children: [{ type: 'text', value: 'Later' }], position: at }, paragraph(4), paragraph(5)]
    expect(placePullQuote(makeArticle({ people: [speakerA], quotes: [quote('q-1', 'a', 'We will not stop until every ferry runs on time, every day of the week.', { paragraphId: 'p-1' })], body: headed }))?.before).toBe(3)
  })

  it('should prefer a quote that reads on its own to one that leans on the story (the seed: "But he rejected…")', () => {
    const seed = [
      quote('q-1', 'b', 'We are not against a dialogue. We are not against any negotiation for the issues of common concern,', { paragraphId: 'p-2' }),
      quote('q-2', 'a', 'unusual', { kind: 'partial', paragraphId: 'p-3' }),
      quote('q-3', 'a', 'But he rejected outright the idea of six-party talks, now or in the future,', { paragraphId: 'p-3' }),
      quote('q-4', 'a', 'From inside the room, Ambassador Sin appeared intent on getting across the North Korean view that they have kept their end of the bargain, meaning to begin disarmament, but that the other nations involved in the talks have not kept their promises, presumably the aid to North Korea, although he would not elaborate,', { paragraphId: 'p-5' }),
      quote('q-5', 'a', 'The North Koreans are clearly feeling the pinch,', { paragraphId: 'p-7' }),
      quote('q-6', 'a', 'namely, direct talks.', { paragraphId: 'p-7', continues: 'q-5' }),
    ]
    const article = makeArticle({ people: [speakerA, speakerB], quotes: seed, body: body(12) })
    expect(placePullQuote(article)).toEqual({ quote: seed[0], before: 3 })
    expect(seed.map((q) => readsOnItsOwn(q, article))).toEqual([true, false, false, false, false, false])
  })

  it.each([
    ['He said the ferries would run again on time every single day.', false],
    ['It is the end of an era for the ferry workers and their families.', false],
    ['However, the ferries will run on time every day from Monday on.', false],
    ['“And we will not stop until every ferry runs on time, every day.', false],
    ['We will not stop until every ferry runs on time, every day of the week.', true],
    ['I have never seen the harbour so empty in all my years here', false],
    ['Our members did not want to strike, but they were not willing to keep working 16-hour days,', true],
  ])('should tell whether %j reads on its own: %s', (text, expected) => {
    expect(readsOnItsOwn(quote('q-1', 'a', text), makeArticle())).toBe(expected)
  })

  it('should follow the front matter `pullquote` by id or by words, placed even in a short story', () => {
    expect(choosePullQuote(makeArticle({ people: [speakerA, speakerB], quotes, body: body(8), pullquote: 'q-1' }))?.id).toBe('q-1')
    expect(choosePullQuote(makeArticle({ people: [speakerA, speakerB], quotes, body: body(8), pullquote: 'less quoted speaker' }))?.id).toBe('q-1')
    expect(placePullQuote(makeArticle({ people: [speakerA, speakerB], quotes, body: body(2), pullquote: 'q-3' }))).toEqual({ quote: quotes[2], before: 1 })
  })

  it('should choose nothing when no quote is fit to feature, or the story is too short to break into', () => {
    expect(choosePullQuote(makeArticle({ people: [speakerA], quotes: [quote('q-1', 'a', 'Short.')], body: body(8) }))).toBeUndefined()
    expect(choosePullQuote(makeArticle({ people: [speakerA, speakerB], quotes, body: body(3) }))).toBeUndefined()
  })

  it('should feature only a published speaker’s quote', () => {
    const unsure = quotes.map((q) => (q.speakerId === 'a' ? { ...q, confidence: 0.5 } : q))
    expect(choosePullQuote(makeArticle({ people: [speakerA, speakerB], quotes: unsure, body: body(8) }), 0.9)?.id).toBe('q-1')
    expect(choosePullQuote(makeArticle({ people: [speakerA, speakerB], quotes: unsure, body: body(8) }), 0.5)?.id).toBe('q-3')
  })
})
