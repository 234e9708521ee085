/**
 * The image files Dateline copies from the content folder into the site, by extension.
 * SVG is not among them: an SVG file can carry script, which would run on the site's own
 * origin for anyone who opens its URL, and content is never trusted.
 */
export const imageExtensions: ReadonlySet<string> = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif'])

/** Largest image copied, in bytes: a news photo for the web is well under it, a camera original may not be. */
export const maxImageSize = 25 * 1024 * 1024

/** The extension of a path as the set above holds it: `.jpg` for `a/B.JPG`, `''` for none. */
export function imageExtension(filePath: string): string {
  const name = filePath.slice(filePath.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot).toLowerCase()
}
