/**
 * The front matter schema. The `FrontMatter` type is inferred from it, never written by hand.
 * Unknown keys are allowed through here and reported as warnings by `front-matter.ts`.
 */
import { z } from 'zod'
import { checkIsoDate } from './dates.js'
import { imageSchemes, isAllowedUrl } from './url-scheme.js'

const isoDate = z.string().transform((value, context) => {
  const checked = checkIsoDate(value)
  if (checked.ok) return checked.value
  context.addIssue({ code: 'custom', message: checked.reason, params: { rule: 'date-invalid' } })
  return z.NEVER
})

const text = z.string().trim().min(1)

/**
 * A front matter `slug:` is used as written, so it must already be a clean URL segment;
 * the same form `parse/slug.ts` gives every generated slug (`isSlug`).
 */
const slug = z.string().superRefine((value, context) => {
  if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 80) return
  context.addIssue({ code: 'custom', message: `\`${value}\` cannot be used in a URL, expected lowercase letters, digits and single hyphens (at most 80 characters)`, params: { rule: 'slug-invalid' } })
})

/**
 * An image address that templates may print in `src`: `https:` or relative, never
 * `javascript:` or `data:`. `front-matter.ts` drops an unsafe address with a `url-unsafe`
 * warning before validating; this refinement is the safety net behind it.
 */
const imageUrl = text.refine((url) => isAllowedUrl(url, imageSchemes), {
  message: 'expected an `https://` address or a relative path; other URL schemes are never published',
  params: { rule: 'url-unsafe' },
})

/** A lead image as an object: its address, its description for readers who cannot see it, and what a `<figcaption>` shows. */
const leadImage = z.object({ url: imageUrl, alt: z.string(), caption: text.optional(), credit: text.optional() })

export const frontMatterSchema = z.object({
  title: text,
  date: isoDate,
  updated: isoDate.optional(),
  section: text.optional(),
  tags: z.union([text.transform((tag) => [tag]), z.array(text)]).optional(),
  standfirst: text.optional(),
  /** Alias of `standfirst`, as many CMS exports name it. */
  summary: text.optional(),
  byline: z.union([text, z.array(text).min(1)]).optional(),
  /** Alias of `byline`, as many CMS exports name it. */
  author: z.union([text, z.array(text).min(1)]).optional(),
  dateline: text.optional(),
  source: text.optional(),
  draft: z.boolean().optional(),
  sample: z.boolean().optional(),
  slug: slug.optional(),
  pullquote: text.optional(),
  corrections: z.array(z.object({ date: isoDate, text })).optional(),
  image: z.union([imageUrl.transform((url) => ({ url, alt: '' })), leadImage]).optional(),
  /**
   * Editors' corrections of the quote engine: a quote's id (`q-3`) or first words → the
   * speaker's name, or `not a quote` (`src/quotes/overrides.ts`).
   */
  quotes: z.record(z.string(), text).optional(),
})

export type FrontMatter = z.infer<typeof frontMatterSchema>

/** The keys the schema knows, for the unknown-key warning. */
export const frontMatterKeys: ReadonlySet<string> = new Set(Object.keys(frontMatterSchema.shape))
