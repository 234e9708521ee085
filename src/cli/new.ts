/**
 * `dateline new "Headline" --section world`: scaffold a draft Markdown article at
 * `content/<section>/<slug>.md`, dated now in the site's time zone, for an editor to fill in.
 */
import { articleFileText, localIsoDate, writeArticleFile } from './article-file.js'

export interface NewArticleOptions {
  readonly headline: string
  /** Section name (default: `news`). */
  readonly section?: string | undefined
  readonly contentDir: string
  readonly now: Date
  readonly timeZone: string
}

/**
 * Writes the scaffold; never overwrites an existing file.
 *
 * @returns The new file's absolute path, or why nothing was written.
 */
export async function createArticle(options: NewArticleOptions): Promise<{ readonly ok: true; readonly file: string } | { readonly ok: false; readonly problem: string }> {
  const headline = options.headline.trim()
  if (headline === '') return { ok: false, problem: 'Expected a headline: dateline new "Headline" --section world' }
  const section = options.section?.trim() || 'news'
  const text = articleFileText(
    { title: headline, date: localIsoDate(options.now, options.timeZone), section, byline: undefined, dateline: undefined, source: undefined, tags: [], draft: true },
    ['Write the story here, then delete the draft line above to publish it.'],
  )
  return writeArticleFile(options.contentDir, section, headline, text)
}
