/**
 * The only module that knows the order of the stages: load → parse → site → render.
 * It returns the built site in memory and writes nothing (`write/` does that).
 */
import { performance } from 'node:perf_hooks'
import type { VFile } from 'vfile'
import type { Article } from './model/article.js'
import type { OutputFile, SiteConfig } from './model/site.js'
import { loadSources, loadTemplates } from './content/load.js'
import { report } from './content/report.js'
import { parseArticle } from './parse/article.js'
import { planSite } from './site/plan.js'
import { renderSite } from './render/templates.js'
import { renderSiteOutputs } from './render/site-outputs.js'

export type Stage = 'load' | 'parse' | 'site' | 'render'

export interface BuildOptions {
  /** Folder of articles. */
  readonly contentDir: string
  /** Folder of Eta templates and `assets/`. */
  readonly templatesDir: string
  /** Folder that message paths are relative to. */
  readonly cwd: string
  readonly config: SiteConfig
  /** Publish articles marked `draft: true` (default: `false`). */
  readonly includeDrafts?: boolean
  /** Run the quote attribution pass (default: `true`). */
  readonly attribute?: boolean
  /** Largest article file, in bytes (default: 1 MiB). */
  readonly maxFileSize?: number
  /**
   * The build's time (ISO date-time with offset): later-dated articles wait until then, and
   * the news sitemap covers the two days before it. Passed in so a build is reproducible;
   * the CLI passes the clock (default: none: nothing is future, the newest story ends the window).
   */
  readonly now?: string | undefined
}

export interface BuildResult {
  /** Every file of the site, paths relative to the output folder. */
  readonly files: readonly OutputFile[]
  /** Every source file with its messages, in path order. */
  readonly sources: readonly VFile[]
  /** The published articles. */
  readonly articles: readonly Article[]
  /** Milliseconds spent in each stage. */
  readonly timings: Readonly<Record<Stage, number>>
}

/** Build the site from `options.contentDir` in memory. Content problems are messages on `sources`; this throws only for faults outside the content (unreadable folders, broken templates). */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const timings: Record<Stage, number> = { load: 0, parse: 0, site: 0, render: 0 }
  let mark = performance.now()
  const lap = (stage: Stage): void => {
    const now = performance.now()
    timings[stage] += now - mark
    mark = now
  }

  const [sources, templates] = await Promise.all([
    loadSources(options.contentDir, { cwd: options.cwd, ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }) }),
    loadTemplates(options.templatesDir),
  ])
  lap('load')

  const parsed: { article: Article; file: VFile }[] = []
  for (const file of sources) {
    const article = parseArticle(file, { attribute: options.attribute ?? true })
    if (article && (options.includeDrafts === true || !article.draft)) parsed.push({ article, file })
  }
  lap('parse')

  const plan = planSite(
    parsed.map((entry) => entry.article),
    options.config,
    { now: options.now },
  )
  const fileOf = new Map(parsed.map((entry) => [entry.article.sourcePath, entry.file]))
  for (const collision of plan.collisions) {
    for (const sourcePath of collision.sourcePaths) {
      const others = collision.sourcePaths.filter((other) => other !== sourcePath)
      const file = fileOf.get(sourcePath)
      if (file) report(file, 'url-collision', `Unexpected second article at \`${collision.url}\`, also claimed by ${others.map((other) => `\`${other}\``).join(', ')}: none of them is published`, { line: 1, column: 1 })
    }
  }
  lap('site')

  const files = [...renderSite(plan.site, plan.pages, templates), ...(await renderSiteOutputs(plan.site, plan.pages, { now: options.now }))]
  lap('render')

  return { files, sources, articles: plan.site.articles.map((entry) => entry.article), timings }
}
