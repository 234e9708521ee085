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
import { sourcePathParts } from '../parse/article.js'
import { articleFileText, localIsoDate, type NewBlock, writeArticleFile } from './article-file.js'

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
  // A wire file named `2009-07-25-slug.txt` is dated by its name, as a build would date it.
  const fileDate = sourcePathParts(file.data.sourcePath ?? file.path).date
  // The byline as printed, affiliation and all (`Jane Doe, Staff Writer`): the build
  // reads the names from it again, and the page shows it whole.
  const byline = parts.byline?.asPrinted.replace(/^\s*by\s+/i, '')
  const notes: string[] = [
    ...parts.dropped.map((dropped) => `Dropped \`${dropped.text}\` (line ${dropped.position.start.line}): site chrome above the headline`),
    `Lifted headline \`${parts.headline}\` into \`title\``,
    ...(byline ? [`Lifted byline \`${parts.byline?.asPrinted ?? byline}\` into \`byline\``] : []),
    ...(parts.dateline ? [`Lifted dateline \`${parts.dateline.asPrinted}\` into \`dateline\``] : []),
    fileDate === undefined ? 'Set `date` to now and `draft: true`: check both before publishing' : `Set \`date\` to ${fileDate} from the file name and \`draft: true\`: check both before publishing`,
  ]
  const text = articleFileText(
    {
      title: parts.headline,
      date: fileDate ?? localIsoDate(options.now, options.timeZone),
      section: options.section?.trim() || 'news',
      byline,
      dateline: parts.dateline?.asPrinted,
      source: undefined,
      tags: [],
      draft: true,
    },
    parts.body.flatMap(blockText),
  )
  return { headline: parts.headline, text, notes }
}

/** Wire copy has paragraphs, editor's notes and lists of plain-text items. */
function blockText(block: Block): NewBlock[] {
  if (block.type === 'paragraph' || block.type === 'editorsNote') return [plainTextFromPhrasing(block.children)]
  if (block.type === 'list') return [{ ordered: block.ordered, items: block.items.map((item) => item.flatMap(blockText).filter((part): part is string => typeof part === 'string').join(' ')) }]
  return []
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
