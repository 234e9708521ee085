/**
 * One source file → one `Article`. The only module that knows both input formats; after
 * it, nothing can tell Markdown from wire copy.
 */
import type { VFile } from 'vfile'
import type { Point } from 'unist'
import type { Article, Block, Byline, Dateline, Dropped, LeadImage } from '../model/article.js'
import { frontMatterEnd, parseFrontMatter } from '../content/front-matter.js'
import { checkIsoDate } from '../content/dates.js'
import { report } from '../content/report.js'
import { applyQuoteOverrides, type QuoteOverride } from '../quotes/overrides.js'
import { attachQuotes, type BodyQuotes } from './body-quotes.js'
import { checkBlockLengths } from './bounds.js'
import { bylineNames } from './byline.js'
import { collectImageFiles } from './image-files.js'
import { parseMarkdownBody } from './markdown.js'
import { slugify } from './slug.js'
import type { ParseStage } from './stages.js'
import { parseWire } from './wire.js'

export interface ParseOptions {
  /** Run the attribution pass of the quote engine (default: `true`). */
  readonly attribute?: boolean
  /** Told as each stage of the parse begins, so a parse stopped by a time limit can say where (the worker pool). */
  readonly onStage?: ((stage: ParseStage) => void) | undefined
}


/** The section used when neither front matter nor a folder names one. */
const defaultSection = 'news'
/** The date given to undated wire copy, so it sorts last; always with a warning. */
const undatedWire = '1970-01-01'
const datedName = /^(\d{4}-\d{2}-\d{2})-(.+)$/

interface Metadata {
  readonly headline: string
  readonly published: string
  readonly updated?: string | undefined
  readonly section: string
  readonly slug: string
  readonly tags: readonly string[]
  readonly standfirst?: string | undefined
  readonly byline?: Byline | undefined
  readonly dateline?: Dateline | undefined
  readonly source?: string | undefined
  readonly draft: boolean
  readonly sample: boolean
  readonly image?: LeadImage | undefined
  /** Where the front matter `image:` value is, for messages about its file. */
  readonly imagePlace?: Point | undefined
  readonly pullquote?: string | undefined
  readonly corrections: readonly { readonly date: string; readonly text: string }[]
  readonly dropped: readonly Dropped[]
  /** Front matter `quotes:`: editors' corrections of the quote engine. */
  readonly overrides?: readonly QuoteOverride[] | undefined
}

/**
 * What a source path says about its article: the first folder (the default section), the
 * file name without extension and, for `YYYY-MM-DD-slug.txt`, the date and the rest.
 */
export function sourcePathParts(sourcePath: string): { folder: string | undefined; name: string; date: string | undefined } {
  const segments = sourcePath.split('/')
  const base = (segments[segments.length - 1] ?? '').replace(/\.[^.]+$/, '')
  const dated = datedName.exec(base)
  const date = dated?.[1] !== undefined && checkIsoDate(dated[1]).ok ? dated[1] : undefined
  return { folder: segments.length > 1 ? segments[0] : undefined, name: date ? (dated?.[2] ?? base) : base, date }
}

function markdownMetadata(file: VFile, sourcePath: string): Metadata | undefined {
  const result = parseFrontMatter(file)
  if (!result.ok) return undefined
  const data = result.data
  const parts = sourcePathParts(sourcePath)
  // A bad `slug:` never gets here: the schema refuses it at the key (`slug-invalid`).
  const names = data.byline ?? data.author
  // A list of names is printed as a byline reads, on cards and the story alike: `A, B and C`.
  const printed = names === undefined ? undefined : Array.isArray(names) ? names.slice(0, -1).join(', ') + (names.length > 1 ? ' and ' : '') + (names.at(-1) ?? '') : names
  return {
    headline: data.title,
    published: data.date,
    updated: data.updated,
    section: data.section ?? parts.folder ?? defaultSection,
    slug: data.slug ?? slugify(parts.name),
    tags: data.tags ?? [],
    standfirst: data.standfirst ?? data.summary,
    byline: printed === undefined ? undefined : { asPrinted: printed, names: Array.isArray(names) ? names : bylineNames(printed) },
    dateline: data.dateline === undefined ? undefined : { asPrinted: data.dateline, place: data.dateline.replace(/\s*\(.*$/, '').replace(/,\s*\p{Lu}\p{Ll}{2,4}\.?\s+\d{1,2}$/u, '') },
    source: data.source,
    draft: data.draft ?? false,
    sample: data.sample ?? false,
    image:
      data.image === undefined
        ? undefined
        : {
            url: data.image.url,
            alt: data.image.alt,
            ...('caption' in data.image && data.image.caption !== undefined ? { caption: data.image.caption } : {}),
            ...('credit' in data.image && data.image.credit !== undefined ? { credit: data.image.credit } : {}),
          },
    imagePlace: result.places.get('image'),
    pullquote: data.pullquote,
    corrections: data.corrections ?? [],
    dropped: [],
    overrides:
      data.quotes === undefined
        ? undefined
        : Object.entries(data.quotes).map(([key, value]) => ({ key, value, place: result.quotePlaces?.get(key) ?? { line: 1, column: 1 } })),
  }
}

/**
 * Parse one loaded file into an `Article`. Returns `undefined` when the file cannot be
 * published; the reason is then an error message on `file`.
 */
export function parseArticle(file: VFile, options: ParseOptions = {}): Article | undefined {
  if (file.data.unreadable) return undefined
  const onStage = options.onStage
  onStage?.('bounds')
  // Bounded before any work that grows faster than the text (see `bounds.ts`).
  if (!checkBlockLengths(file)) return undefined
  const sourcePath = file.data.sourcePath ?? file.path
  const isWire = sourcePath.toLowerCase().endsWith('.txt')
  let metadata: Metadata | undefined
  let body: readonly Block[]
  if (isWire) {
    onStage?.('wire copy')
    const wire = parseWire(file)
    if (!wire) return undefined
    const parts = sourcePathParts(sourcePath)
    if (parts.date === undefined) {
      report(file, 'wire-metadata-default', `Unexpected wire copy without a date, expected a file name such as \`2026-09-21-${slugify(parts.name)}.txt\`: dated ${undatedWire}`, { line: 1, column: 1 })
    }
    metadata = {
      headline: wire.headline,
      published: parts.date ?? undatedWire,
      section: parts.folder ?? defaultSection,
      slug: slugify(parts.name),
      tags: [],
      byline: wire.byline,
      dateline: wire.dateline,
      draft: false,
      sample: false,
      corrections: [],
      dropped: wire.dropped,
    }
    body = wire.body
  } else {
    onStage?.('front matter')
    metadata = markdownMetadata(file, sourcePath)
    if (!metadata) return undefined
    onStage?.('Markdown')
    body = parseMarkdownBody(file)
  }

  const found = attachQuotes(body, file, options)
  if (found.refused === true) return undefined
  const withQuotes = metadata.overrides === undefined ? found : corrected(file, found, metadata)
  if (withQuotes === undefined) return undefined
  const place = metadata.imagePlace ?? { line: 1, column: 1 }
  const imageFiles = collectImageFiles(metadata.image === undefined ? undefined : { url: metadata.image.url, position: { start: place, end: place } }, body, sourcePath)
  const article: Article = {
    id: sourcePath.replace(/\.[^./]+$/, ''),
    slug: metadata.slug,
    sourcePath,
    format: isWire ? 'wire' : 'markdown',
    headline: metadata.headline,
    ...(metadata.standfirst === undefined ? {} : { standfirst: metadata.standfirst }),
    ...(metadata.byline === undefined ? {} : { byline: metadata.byline }),
    ...(metadata.dateline === undefined ? {} : { dateline: metadata.dateline }),
    ...(metadata.source === undefined ? {} : { source: metadata.source }),
    published: metadata.published,
    ...(metadata.updated === undefined ? {} : { updated: metadata.updated }),
    section: metadata.section,
    tags: metadata.tags,
    draft: metadata.draft,
    sample: metadata.sample,
    ...(metadata.image === undefined ? {} : { image: metadata.image }),
    ...(imageFiles.length === 0 ? {} : { imageFiles }),
    ...(metadata.pullquote === undefined ? {} : { pullquote: metadata.pullquote }),
    body: withQuotes.body,
    quotes: withQuotes.quotes,
    people: withQuotes.people,
    corrections: metadata.corrections,
    dropped: metadata.dropped,
  }
  return article
}


/**
 * The engine's quotes with the editors' `quotes:` overrides applied (`src/quotes/overrides.ts`);
 * `undefined` when an override cannot be applied: the story is then held back with an error
 * at the override, since publishing it would publish the attribution an editor set out to fix.
 */
function corrected(file: VFile, found: BodyQuotes, metadata: Metadata): BodyQuotes | undefined {
  const source = String(file.value)
  // The story's own words: headline, standfirst and body, not the front matter that holds the overrides.
  const storyText = [metadata.headline, metadata.standfirst ?? '', source.slice(frontMatterEnd(source))].join('\n\n')
  let failed = false
  const result = applyQuoteOverrides(found, metadata.overrides ?? [], storyText, (ruleId, message, place) => {
    failed = true
    report(file, ruleId, message, place)
  })
  // A quote an editor settled is attributed (or no quote at all): its warning is moot.
  const settled = new Set(result.settled.map((quote) => `${quote.position.start.line}:${quote.position.start.column}`))
  if (settled.size > 0) {
    const kept = file.messages.filter((message) => message.ruleId !== 'quote-unattributed' || !settled.has(`${message.line ?? 0}:${message.column ?? 0}`))
    file.messages.length = 0
    file.messages.push(...kept)
  }
  return failed ? undefined : { body: result.body, quotes: result.quotes, people: result.people }
}
