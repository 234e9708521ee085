import { describe, expect, it } from 'vitest'
import type { ArticleEntry } from '../../../src/model/site.js'
import { groupTaxonomy, urlsByName } from '../../../src/site/taxonomies.js'
import { makeArticle } from '../../helpers/article.js'

function entry(slug: string, tags: string[]): ArticleEntry {
  return { article: makeArticle({ slug, tags }), url: `/world/${slug}/`, outputPath: `world/${slug}/index.html` }
}

describe('groupTaxonomy', () => {
  it('should give each tag a listing with its articles in the given order, sorted by name', () => {
    const groups = groupTaxonomy('/news/', 'tags', [entry('new', ['Budget', 'transit']), entry('old', ['budget'])], (e) => e.article.tags)
    expect(groups.map((group) => [group.name, group.slug, group.url, group.articles.map((e) => e.article.slug)])).toEqual([
      ['Budget', 'budget', '/news/tags/budget/', ['new', 'old']],
      ['transit', 'transit', '/news/tags/transit/', ['new']],
    ])
  })

  it('should list a story once even when its front matter repeats a tag', () => {
    const groups = groupTaxonomy('/', 'tags', [entry('a', ['Jobs', 'jobs'])], (e) => e.article.tags)
    expect(groups).toHaveLength(1)
    expect(groups[0]?.articles).toHaveLength(1)
  })
})

describe('urlsByName', () => {
  it('should give every spelling of a name the URL of the listing it joined', () => {
    const entries = [entry('a', ['Budget', '__proto__']), entry('b', ['budget ', 'BUDGET']), entry('c', ['Trade'])]
    const tagsOf = (e: ArticleEntry): readonly string[] => e.article.tags
    const listings = groupTaxonomy('/news/', 'tags', entries, tagsOf)
    const urls = urlsByName(entries, tagsOf, listings)
    expect([...urls]).toEqual([
      ['Budget', '/news/tags/budget/'],
      ['__proto__', '/news/tags/proto/'],
      ['budget ', '/news/tags/budget/'],
      ['BUDGET', '/news/tags/budget/'],
      ['Trade', '/news/tags/trade/'],
    ])
    // A name without a listing (none published) has no URL.
    expect(urlsByName(entries, tagsOf, listings.filter((listing) => listing.slug !== 'trade')).has('Trade')).toBe(false)
  })
})
