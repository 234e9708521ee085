/**
 * The search index: after the site is written, Pagefind reads the built HTML in the
 * output folder and writes its index and client into `pagefind/` there. A step after
 * `write` (the CLI runs it) because Pagefind indexes files, while `build()` stays in memory.
 * Only `[data-pagefind-body]` elements (the article text) are indexed.
 */
import path from 'node:path'
import type { OutputFile } from '../model/site.js'

export interface SearchIndexResult {
  readonly pageCount: number
  readonly problems: readonly string[]
}

/**
 * Indexes `outDir` and writes `outDir/pagefind/`.
 *
 * @param outDir The written site.
 * @param language The site's language, for stemming when a page declares none.
 * @param pages The site's files as built; only pages with `data-pagefind-body` are indexed.
 */
export async function writeSearchIndex(outDir: string, language: string, pages: readonly OutputFile[]): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind')
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language })
    if (!index) return { pageCount: 0, problems: errors }
    // Hand Pagefind only the pages it indexes, from memory: reading and parsing every
    // listing, feed and tag page from disk cost seconds on a site of a thousand stories.
    const searchable = pages.flatMap((page) => {
      if (!page.path.endsWith('.html')) return []
      const content = typeof page.contents === 'string' ? page.contents : new TextDecoder().decode(page.contents)
      return content.includes(searchableMarker) ? [{ sourcePath: page.path, content }] : []
    })
    // Sent together: Pagefind's service indexes them concurrently; one at a time, each
    // waited for its own round trip.
    const added = await Promise.all(searchable.map((file) => index.addHTMLFile(file)))
    const problems = [...errors, ...added.flatMap((response) => response.errors)]
    const pageCount = searchable.length
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') })
    return { pageCount, problems: [...problems, ...written.errors] }
  } finally {
    await pagefind.close()
  }
}

/** What marks a page's indexed text (`templates/article.eta`). */
const searchableMarker = 'data-pagefind-body'
