/** What the search index needs from a build: a fingerprint per story, its records on demand. */
import { createHash } from 'node:crypto'
import pMap from 'p-map'
import { filesAtOnce } from '../files-at-once.js'
import type { ArticleCard } from '../model/article.js'
import type { Page } from '../model/site.js'
import { type SearchRecord, type SearchSite, searchRecord, searchSection, searchText, searchUrl } from './records.js'
import { wholeFingerprint } from '../build/fingerprints.js'
import { emitBatchSize } from '../build/render-changed.js'
import type { SearchTextReader, StoryReader } from '../build/stories.js'
import type { SearchInput } from '../build/types.js'

/** The search index's view of the planned pages: a fingerprint per story, records on demand. */
export function searchInput(pages: readonly Page[], site: SearchSite, full: StoryReader, current: (card: ArticleCard) => ArticleCard, textOf?: SearchTextReader): SearchInput {
  // Made when first read: `dateline dev` builds no search index and never reads them.
  let fingerprints: Map<string, string> | undefined
  const fingerprintsOf = (): Map<string, string> => {
    if (fingerprints === undefined) {
      fingerprints = new Map()
      for (const page of pages) {
        if (page.kind !== 'article') continue
        const url = searchUrl(page)
        // What the record shows besides the story: the section's name and the zone its date is shown in.
        fingerprints.set(url, createHash('sha1').update(`${wholeFingerprint(current(page.entry.article))}\0${url}\0${site.language}\0${site.timeZone}\0${searchSection(page.entry.article, site)}`).digest('hex'))
      }
    }
    return fingerprints
  }
  async function* records(urls: ReadonlySet<string>): AsyncGenerator<readonly SearchRecord[]> {
    const wanted = pages.filter((page) => page.kind === 'article' && urls.has(searchUrl(page)))
    for (let index = 0; index < wanted.length; index += emitBatchSize) {
      const batch = wanted.slice(index, index + emitBatchSize)
      // Holding cards, a story's record is made from the search text its cache entry keeps,
      // without reading the story: the pages read each story too, and the index, well behind
      // them, read most stories a second time (18,694 reads for 10,000 stories).
      yield await pMap(
        batch,
        async (page) => {
          if (page.kind !== 'article') throw new Error('Unexpected page kind in the search records')
          const text = await textOf?.(page.entry.article)
          return text === undefined ? searchRecord(page, searchText(await full(page.entry.article)), site) : searchRecord(page, text, site)
        },
        { concurrency: filesAtOnce },
      )
    }
  }
  return {
    get fingerprints() {
      return fingerprintsOf()
    },
    records,
  }
}
