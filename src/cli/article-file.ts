/**
 * A new Markdown article file as `dateline new` and `dateline import` write it: YAML front
 * matter (serialised by the `yaml` package, so any headline is quoted as YAML needs) and a
 * Markdown body (serialised from mdast, so wire text that looks like Markdown stays text).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ListItem, Paragraph, Root, RootContent } from 'mdast'
import { toMarkdown } from 'mdast-util-to-markdown'
import { stringify } from 'yaml'
import { slugify } from '../parse/slug.js'
import { isoWithOffset } from '../render/iso-offset.js'
import { sectionSlug } from '../site/routes.js'

/** Front matter fields these commands write, in the order an editor reads them. */
export interface NewFrontMatter {
  readonly title: string
  readonly date: string
  readonly section: string
  readonly byline?: string | undefined
  readonly dateline?: string | undefined
  readonly source?: string | undefined
  readonly tags: readonly string[]
  readonly draft: boolean
}

/** A block of a new article's body: a paragraph of plain text, or a list of plain-text items. */
export type NewBlock = string | { readonly ordered: boolean; readonly items: readonly string[] }

/**
 * The file's text: front matter, then the body.
 *
 * @param frontMatter Fields; undefined ones are left out.
 * @param blocks Body paragraphs and lists as plain text (escaped here where Markdown would read them as syntax).
 */
export function articleFileText(frontMatter: NewFrontMatter, blocks: readonly NewBlock[]): string {
  // Empty and unknown fields are left out: an editor adds what the story needs.
  const fields = Object.fromEntries(Object.entries(frontMatter).filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0)))
  const paragraph = (value: string): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value }] })
  const body: Root = {
    type: 'root',
    children: blocks.map((block): RootContent =>
      typeof block === 'string'
        ? paragraph(block)
        : { type: 'list', ordered: block.ordered, spread: false, children: block.items.map((item): ListItem => ({ type: 'listItem', spread: false, children: [paragraph(item)] })) },
    ),
  }
  return `---\n${stringify(fields, { lineWidth: 0 })}---\n\n${toMarkdown(body, { bullet: '-' })}`
}

/**
 * The wall-clock time of `now` in `timeZone`, with that zone's offset, to the minute:
 * what an editor expects to read in `date:`.
 */
export function localIsoDate(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '00'
  return isoWithOffset(`${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`, timeZone)
}

/**
 * Writes a new article at `content/<section>/<slug>.md`, never replacing a file.
 *
 * @returns The absolute path, or why nothing was written.
 */
export async function writeArticleFile(contentDir: string, section: string, headline: string, text: string): Promise<{ readonly ok: true; readonly file: string } | { readonly ok: false; readonly problem: string }> {
  const file = path.join(contentDir, sectionSlug(section), `${slugify(headline)}.md`)
  await mkdir(path.dirname(file), { recursive: true })
  try {
    // `wx` fails when the file exists: an editor's work is never replaced.
    await writeFile(file, text, { flag: 'wx' })
  } catch (cause) {
    if (cause instanceof Error && 'code' in cause && cause.code === 'EEXIST') return { ok: false, problem: `Cannot write \`${file}\`: the file exists; pick another headline or edit that file` }
    throw cause
  }
  return { ok: true, file }
}
