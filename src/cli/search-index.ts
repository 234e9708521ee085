/**
 * The search index: after the site is written, Pagefind reads the built HTML in the
 * output folder and writes its index and client into `pagefind/` there. A step after
 * `write` (the CLI runs it) because Pagefind indexes files, while `build()` stays in memory.
 * Only `[data-pagefind-body]` elements (the article text) are indexed.
 */
import path from 'node:path'

export interface SearchIndexResult {
  readonly pageCount: number
  readonly problems: readonly string[]
}

/**
 * Indexes `outDir` and writes `outDir/pagefind/`.
 *
 * @param outDir The written site.
 * @param language The site's language, for stemming when a page declares none.
 */
export async function writeSearchIndex(outDir: string, language: string): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind')
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language })
    if (!index) return { pageCount: 0, problems: errors }
    const added = await index.addDirectory({ path: outDir })
    const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') })
    return { pageCount: added.page_count, problems: [...errors, ...added.errors, ...written.errors] }
  } finally {
    await pagefind.close()
  }
}
