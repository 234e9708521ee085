/**
 * `dateline import wire.txt`: turn wire copy into a Markdown article for an editor to
 * review. The wire parser decides what is chrome, byline and dateline; this writes its
 * answer as front matter and says what it dropped and what it lifted, so nothing vanishes
 * without a word.
 */
import type { VFile } from 'vfile'
import type { Block } from '../model/article.js'
import { parseWire } from '../parse/wire.js'
import { plainTextFromPhrasing } from '../render/plain-text.js'
import { articleFileText, localIsoDate, writeArticleFile } from './article-file.js'

export interface ImportOptions {
  /** Section for the front matter and the folder (default: `news`). */
  readonly section?: string | undefined
  readonly now: Date
  readonly timeZone: string
}

export interface ImportResult {
  readonly headline: string
  /** The Markdown file's text, marked `draft: true`. */
  readonly text: string
  /** One line per decision: `Dropped …`, `Lifted …`, for the editor. */
  readonly notes: readonly string[]
}

/**
 * Converts one wire file. Problems (no headline) are messages on `file`.
 *
 * @returns The article, or `undefined` when the copy has no headline.
 */
export function importWire(file: VFile, options: ImportOptions): ImportResult | undefined {
  const parts = parseWire(file)
  if (!parts) return undefined
  const notes: string[] = [
    ...parts.dropped.map((dropped) => `Dropped \`${dropped.text}\` (line ${dropped.position.start.line}): site chrome above the headline`),
    `Lifted headline \`${parts.headline}\` into \`title\``,
    ...(parts.byline ? [`Lifted byline \`${parts.byline.asPrinted}\` into \`byline\``] : []),
    ...(parts.dateline ? [`Lifted dateline \`${parts.dateline.asPrinted}\` into \`dateline\``] : []),
    'Set `date` to now and `draft: true`: check both before publishing',
  ]
  const text = articleFileText(
    {
      title: parts.headline,
      date: localIsoDate(options.now, options.timeZone),
      section: options.section?.trim() || 'news',
      byline: parts.byline?.names.join(', '),
      dateline: parts.dateline?.asPrinted,
      source: undefined,
      tags: [],
      draft: true,
    },
    parts.body.flatMap(paragraphText),
  )
  return { headline: parts.headline, text, notes }
}

/** Wire copy has paragraphs and editor's notes only; both are kept as paragraphs. */
function paragraphText(block: Block): string[] {
  return block.type === 'paragraph' || block.type === 'editorsNote' ? [plainTextFromPhrasing(block.children)] : []
}

/**
 * Converts `file` and writes the article into `contentDir/<section>/`, never replacing a file.
 *
 * @returns The written path and the editor's notes; or `undefined` file when the copy
 *   could not be read as wire copy (its messages say why); or a problem.
 */
export async function importWireFile(
  file: VFile,
  contentDir: string,
  options: ImportOptions,
): Promise<{ readonly ok: true; readonly file: string; readonly notes: readonly string[] } | { readonly ok: false; readonly problem: string | undefined }> {
  const imported = file.messages.some((message) => message.fatal === true) ? undefined : importWire(file, options)
  if (!imported) return { ok: false, problem: undefined }
  const written = await writeArticleFile(contentDir, options.section?.trim() || 'news', imported.headline, imported.text)
  return written.ok ? { ok: true, file: written.file, notes: imported.notes } : written
}
