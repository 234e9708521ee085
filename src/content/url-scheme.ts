/**
 * URL schemes as a browser reads them, for content URLs (links, images, front matter
 * `image:`). Content is untrusted: only schemes on an allow-list are published, so
 * `javascript:`, `vbscript:`, `data:` and every spelling trick of them are refused.
 */

/** Schemes a link may use. */
export const linkSchemes: ReadonlySet<string> = new Set(['http', 'https', 'mailto'])
/** Schemes an image may use. */
export const imageSchemes: ReadonlySet<string> = new Set(['http', 'https'])

/**
 * The scheme of `url` the way a browser would find it: character references decoded,
 * ASCII whitespace and controls removed, case folded. `JaVaScRiPt:`, `java&#x09;script:`
 * and `javascript&colon;` all read as `javascript`.
 *
 * @returns The lower-case scheme, `''` for a relative URL, or `undefined` when the text
 *   before the first `/`, `?` or `#` has a colon but no valid scheme (never safe).
 */
export function urlScheme(url: string): string | undefined {
  const decoded = url
    .replace(/&#x([\da-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex.slice(-6), 16) % 0x110000))
    .replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number.parseInt(decimal.slice(-7), 10) % 0x110000))
    .replace(/&colon;?/gi, ':')
    .replace(/&(?:tab|newline);?/gi, '')
    // The URL parser ignores tabs and newlines anywhere and controls and spaces at the
    // start; dropping every one of them is stricter still.
    .replace(/[\u0000-\u0020\u007f]/g, '')
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(decoded)?.[1]
  if (scheme !== undefined) return scheme.toLowerCase()
  return /^[^/?#]*:/.test(decoded) ? undefined : ''
}

/** Whether `url` is relative or uses one of `schemes`. */
export function isAllowedUrl(url: string, schemes: ReadonlySet<string>): boolean {
  const scheme = urlScheme(url)
  return scheme === '' || (scheme !== undefined && schemes.has(scheme))
}
