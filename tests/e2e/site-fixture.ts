/**
 * The news-site fixture (`tests/fixtures/site-news/`) built once per test file, and a
 * link checker over built files. Shared by the site end-to-end and browser tests.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'parse5'
import { build, type BuildResult } from '../../src/build.js'
import { resolveConfig } from '../../src/content/config.js'
import type { OutputFile, SiteConfig } from '../../src/model/site.js'

export const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))
export const fixtureDir = path.join(root, 'tests', 'fixtures', 'site-news')
/** The build's clock: a day after the newest fixture story, long before the scheduled one. */
export const fixtureNow = '2026-11-28T00:00:00Z'

/** The fixture's own configuration, validated as the CLI would, with `overrides` on top. */
export function fixtureConfig(overrides: Record<string, unknown> = {}): SiteConfig {
  const data: unknown = JSON.parse(readFileSync(path.join(fixtureDir, 'dateline.config.json'), 'utf8'))
  const resolved = resolveConfig({ ...(data as Record<string, unknown>), ...overrides })
  if (!resolved.ok) throw new Error(resolved.problems.join('\n'))
  return resolved.config
}

export async function buildFixtureSite(overrides: Record<string, unknown> = {}): Promise<BuildResult> {
  return build({
    contentDir: path.join(fixtureDir, 'content'),
    templatesDir: path.join(root, 'templates'),
    cwd: fixtureDir,
    config: fixtureConfig(overrides),
    now: fixtureNow,
  })
}

export function textOf(file: OutputFile): string {
  return typeof file.contents === 'string' ? file.contents : new TextDecoder().decode(file.contents)
}

export function fileText(result: BuildResult, filePath: string): string {
  const file = result.files.find((f) => f.path === filePath)
  if (!file) throw new Error(`No output file ${filePath}; have ${result.files.map((f) => f.path).join(', ')}`)
  return textOf(file)
}

interface Parse5Node {
  readonly nodeName: string
  readonly attrs?: readonly { readonly name: string; readonly value: string }[]
  readonly childNodes?: readonly Parse5Node[]
  readonly content?: Parse5Node
}

/** Every `href`/`src` and every `id` in a page, read by a spec-compliant HTML parser. */
export function linksAndIds(html: string): { links: string[]; ids: Set<string> } {
  const links: string[] = []
  const ids = new Set<string>()
  const visit = (node: Parse5Node): void => {
    for (const attr of node.attrs ?? []) {
      if (attr.name === 'id') ids.add(attr.value)
      if ((attr.name === 'href' || attr.name === 'src') && node.nodeName !== 'link') links.push(attr.value)
      if (attr.name === 'href' && node.nodeName === 'link') {
        const rel = node.attrs?.find((a) => a.name === 'rel')?.value
        // The canonical link is absolute (the production origin); others are site links.
        if (rel !== 'canonical') links.push(attr.value)
      }
    }
    for (const child of node.childNodes ?? []) visit(child)
    if (node.content) visit(node.content)
  }
  visit(parse(html) as unknown as Parse5Node)
  return { links, ids }
}

/**
 * Internal links (and fragments) of every HTML page that point at no built file or no
 * element. `basePath` is the site's base path: a link outside it is broken too.
 */
export function brokenLinks(files: readonly OutputFile[], basePath: string): string[] {
  const byPath = new Map(files.map((file) => [file.path, file]))
  const idsByPath = new Map<string, Set<string>>()
  const pages = files.filter((file) => file.path.endsWith('.html'))
  const parsed = new Map(pages.map((page) => [page.path, linksAndIds(textOf(page))]))
  for (const [pagePath, info] of parsed) idsByPath.set(pagePath, info.ids)
  const broken: string[] = []
  for (const [pagePath, info] of parsed) {
    const pageUrl = new URL(`https://site.test${basePath}${pagePath.replace(/index\.html$/, '')}`)
    for (const link of info.links) {
      const url = new URL(link, pageUrl)
      if (url.origin !== 'https://site.test') continue
      if (!url.pathname.startsWith(basePath)) {
        broken.push(`${pagePath}: ${link} (outside ${basePath})`)
        continue
      }
      let target = decodeURIComponent(url.pathname.slice(basePath.length))
      if (target === '' || target.endsWith('/')) target += 'index.html'
      if (!byPath.has(target)) {
        broken.push(`${pagePath}: ${link}`)
        continue
      }
      const fragment = decodeURIComponent(url.hash.slice(1))
      if (fragment !== '' && !(idsByPath.get(target)?.has(fragment) ?? false)) broken.push(`${pagePath}: ${link} (no #${fragment})`)
    }
  }
  return broken
}
