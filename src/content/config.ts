/**
 * The site configuration: trusted (it is the newsroom's own file), but still validated so a
 * typo is a clear message rather than a broken site.
 */
import { z } from 'zod'
import type { SiteConfig } from '../model/site.js'
import { DEFAULT_PUBLISH_THRESHOLD } from '../quotes/policy.js'

const basePath = z
  .string()
  .regex(/^\/(?:[A-Za-z0-9._~-]+\/)*$/, 'expected a path that starts and ends with `/`, such as `/` or `/news/`')

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
  publisherLogo: z.string().min(1).optional(),
  twitterSite: z.string().regex(/^@\w{1,15}$/, 'expected a handle such as `@gazette`').optional(),
  attribution: z
    .strictObject({
      threshold: z
        .number('expected a number from 0 to 1')
        .min(0, 'expected a confidence from 0 to 1')
        .max(1, 'expected a confidence from 0 to 1')
        .default(DEFAULT_PUBLISH_THRESHOLD),
    })
    .default({ threshold: DEFAULT_PUBLISH_THRESHOLD }),
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
