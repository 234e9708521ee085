/**
 * Slugs: the one way a headline, a section or a name becomes a URL segment. NFC, lowercase,
 * ASCII-transliterated, capped in length and never empty, so no slug can climb out of the
 * output folder or collide by Unicode form.
 */
import slugifyText from '@sindresorhus/slugify'
import { memoize } from '../memo.js'

/** Longest slug, in characters (cut at a hyphen). */
export const maxSlugLength = 80
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** FNV-1a, for a short stable fallback when a title has no Latin letters or digits at all. */
function shortHash(value: string): string {
  let hash = 0x811c9dc5
  for (let index = 0; index < value.length; index++) hash = Math.imul(hash ^ value.charCodeAt(index), 16777619)
  return (hash >>> 0).toString(36)
}

/**
 * Turn any text into a URL segment: `N. Korea Wants Talks` → `n-korea-wants-talks`.
 * Text with nothing to transliterate (`東京`) gets `x-<hash>` so it is still unique and stable.
 */
export const slugify: (text: string) => string = memoize(slugifyUncached)

function slugifyUncached(text: string): string {
  const base = slugifyText(text.normalize('NFC'), { decamelize: false })
  let slug = base
  if (slug.length > maxSlugLength) {
    const cut = slug.lastIndexOf('-', maxSlugLength)
    slug = slug.slice(0, cut > 20 ? cut : maxSlugLength).replace(/-+$/, '')
  }
  return slug === '' ? `x-${shortHash(text.normalize('NFC'))}` : slug
}

/** Whether `slug` is already a clean URL segment (what a front matter `slug:` must be). */
export function isSlug(slug: string): boolean {
  return slug.length <= maxSlugLength && slugPattern.test(slug)
}
