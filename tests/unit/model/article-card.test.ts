/**
 * What the types say a card is (`ArticleCard`): every story in full passes for its card, and
 * a card never passes for the story in full. The `@ts-expect-error` lines are checked by
 * `npx tsc --noEmit`: were a card taken where the whole story is needed, a directive would
 * be unused and the check would fail.
 */
import { describe, expect, it } from 'vitest'
import { cardEntry } from '../../../src/cache/article-cache.js'
import type { ArticleCard } from '../../../src/model/article.js'
import type { PageStory } from '../../../src/model/site.js'
import { renderBody } from '../../../src/render/body.js'
import { prerenderBody } from '../../../src/render/pages/article-body.js'
import { searchText } from '../../../src/search/records.js'
import { placePullQuote } from '../../../src/site/speakers.js'
import { makeArticle } from '../../helpers/article.js'

const at = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }

const story = makeArticle({
  body: [
    { type: 'paragraph', id: 'p-1', position: at, children: [{ type: 'text', value: 'The port reopened.' }] },
    { type: 'paragraph', id: 'p-2', position: at, children: [{ type: 'text', value: '“We are open,” said Ana Ruiz.' }] },
  ],
  quotes: [{ id: 'q-1', text: 'We are open,', kind: 'direct', speakerId: 'p-1', confidence: 0.99, paragraphId: 'p-2', position: at, attribution: { asPrinted: 'said Ana Ruiz', rule: 'said-name', position: at } }],
  people: [{ id: 'p-1', name: 'Ana Ruiz', kind: 'person', mentions: ['Ana Ruiz'] }],
})

function cardOf(): ArticleCard {
  const card = cardEntry({ article: story, messages: [] }).article
  if (card === undefined) throw new Error('no card')
  return card
}

describe('an article card', () => {
  it('should hold the first paragraph and the quotes without their attributions, and a story in full should pass for one', () => {
    const card = cardOf()
    expect(card.body).toEqual(story.body.slice(0, 1))
    expect(card.quotes[0]).not.toHaveProperty('attribution')
    const whole: ArticleCard = story
    expect(cardEntry({ article: whole, messages: [] }).article).toEqual(card)
  })

  it('should never pass for the story in full: a body, a pull quote, search text or an attribution cannot be made from it', () => {
    const card = cardOf()
    const refused = [
      // @ts-expect-error a card's body stops after its first paragraph
      () => renderBody(card),
      // @ts-expect-error a pull quote is placed in the whole body
      () => placePullQuote(card),
      // @ts-expect-error a body is prerendered from the story in full
      () => prerenderBody(card, 0.97),
      // @ts-expect-error search text holds the whole story
      () => searchText(card),
      // @ts-expect-error a card's quote does not say how it was attributed
      () => card.quotes[0]?.attribution?.rule,
    ]
    expect(refused).toHaveLength(5)
    // @ts-expect-error an article page made from a card needs the body its parse prerendered
    const page: PageStory = { article: card }
    expect(page.article).toBe(card)
    const whole: PageStory = { article: story }
    expect(whole.article).toBe(story)
  })
})
