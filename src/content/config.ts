/**
 * The site configuration: trusted (it is the newsroom's own file), but still validated so a
 * typo is a clear message rather than a broken site.
 */
import { z } from 'zod'
import type { SiteConfig } from '../model/site.js'

/** A path segment of the base path: URL-safe characters, and never `.` or `..`, which would climb out of it. */
const basePath = z
  .string()
  .regex(/^\/(?:(?!\.\.?\/)[A-Za-z0-9._~-]+\/)*$/, 'expected a path that starts and ends with `/`, such as `/` or `/news/`, without `.` or `..` segments')

/**
 * The publisher's logo reaches JSON-LD and every feed, where a reader follows it: an
 * `http:`/`https:` URL with a host, or a path the site serves under its base path
 * (`/logo.png`, `img/logo.png`). No other scheme (`javascript:`, `data:`), no
 * protocol-relative `//host`, no `.`/`..` segments, backslashes, spaces or controls.
 */
export function isPublisherLogo(value: string): boolean {
  if (/[\s\\\u0000-\u001f\u007f]/.test(value)) return false
  if (/^https?:\/\//i.test(value)) {
    try {
      return new URL(value).hostname !== ''
    } catch {
      // Not a URL at all: refused with the message below.
      return false
    }
  }
  const pathPart = value.split(/[?#]/, 1)[0] ?? ''
  // A colon before the first slash would make a browser read a scheme (`javascript:`).
  if (/^[^/]*:/.test(pathPart) || value.startsWith('//') || !/[^/]/.test(pathPart)) return false
  return pathPart.split('/').every((segment) => segment !== '.' && segment !== '..')
}

export const configSchema = z.strictObject({
  title: z.string().min(1).default('Dateline'),
  description: z.string().default('News, built with Dateline.'),
  baseUrl: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')).default('http://localhost:8080'),
  basePath: basePath.default('/'),
  language: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as `en` or `en-US`').default('en'),
  timeZone: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone })
        return true
      } catch {
        // Intl throws RangeError for an unknown zone; that is exactly the answer sought.
        return false
      }
    }, 'expected an IANA time zone such as `America/New_York`')
    .default('UTC'),
  publisher: z.string().min(1).default('Dateline'),
  pageSize: z.int().min(1, 'expected at least 1 story per page').max(500, 'expected at most 500 stories per page').default(10),
  sectionOrder: z.array(z.string().min(1)).default([]),
  publisherLogo: z.string().refine(isPublisherLogo, 'expected an `http:` or `https:` URL, or a path under the base path such as `/logo.png`').optional(),
  twitterSite: z.string().regex(/^@\w{1,15}$/, 'expected a handle such as `@gazette`').optional(),
})

/** The name of the configuration file, looked up in the project folder. */
export const configFileName = 'dateline.config.json'

export type ConfigResult = { readonly ok: true; readonly config: SiteConfig } | { readonly ok: false; readonly problems: readonly string[] }

/** Validate parsed configuration data (`{}` when there is no file) into a `SiteConfig`. */
export function resolveConfig(data: unknown): ConfigResult {
  const result = configSchema.safeParse(data)
  if (result.success) return { ok: true, config: result.data }
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `Unexpected value for \`${issue.path.map(String).join('.') || '(root)'}\` in ${configFileName}: ${issue.message}`),
  }
}
