/**
 * The render stage with memory: only pages whose inputs changed are rendered, a batch at a
 * time when they are written as they come; the others are kept from the last build.
 */
import { createHash } from 'node:crypto'
import pMap from 'p-map'
import { pageBytes, type PageStore } from '../cache/page-cache.js'
import { filesAtOnce } from '../files-at-once.js'
import type { KeptFile, OutputFile, Page, PageBytes, Site, TemplateSet } from '../model/site.js'
import { pageRenderer } from '../render/templates.js'
import { cardFingerprint, wholeFingerprint } from './fingerprints.js'
import { type Stories, storyPage } from './stories.js'

/** One rendered page as the builder remembers it: its HTML and the inputs it came from. */
export interface Rendered {
  readonly inputs: string
  readonly contents: OutputFile['contents']
}

/** The pages a builder kept from its last build, as a store. */
export function memoryStore(rendered: ReadonlyMap<string, Rendered>): PageStore {
  return {
    inputs: (outputPath) => rendered.get(outputPath)?.inputs,
    contents: async (outputPath) => rendered.get(outputPath)?.contents,
    held: (outputPath) => rendered.get(outputPath)?.contents,
  }
}
/**
 * The render stage with memory: a page whose inputs are the same as last time keeps its
 * HTML. A page is made from the site and its own place in it, and the site is planned
 * from the configuration and what a listing can show of each story (its card, an
 * `ArticleCard`, which is all `planSite` takes). So the site's
 * inputs are the code, templates, configuration and every published story's card and
 * URL, and a page's inputs are those, its kind and paths, and for an article page its own
 * story in full (its parse key, a hash of its text). An edit deep in one story re-renders
 * that story's page and keeps every other page; an edit to anything a listing shows (a
 * headline, a date, a quote) re-renders every page, since any page may show it. Tests
 * check that the output equals a full render after edits.
 */
/** The last build's pages of the same plan (`dev`), and the pages that may have new inputs. */
export interface Reuse {
  readonly siteInputs: string
  /**
   * The same plan's pages as this builder last rendered them, and the pages that may
   * have new inputs: every other page is taken over as it is, without a look.
   */
  readonly held: ReadonlyMap<string, Rendered>
  readonly changedPages: readonly Page[]
}

/** What `renderChanged` did: the pages' files (or those it kept), and what the next build compares with. */
export interface RenderedPages {
  readonly files: OutputFile[]
  readonly kept: KeptFile[]
  readonly emitted: Map<string, PageBytes>
  readonly rendered: Map<string, Rendered>
  readonly keptCount: number
  readonly inputs: () => ReadonlyMap<string, string>
  readonly siteInputs: string
}

/** A page to render or to take, with the fingerprint of its inputs. */
interface PageWithInputs {
  readonly page: Page
  readonly inputs: string
}

export async function renderChanged(
  site: Site,
  pages: readonly Page[],
  templates: TemplateSet,
  previous: PageStore | undefined,
  codeAndTemplates: string,
  linkKept: boolean,
  reuse: Reuse | undefined,
  emit: ((files: readonly OutputFile[]) => Promise<void>) | undefined,
  stories: Stories,
): Promise<RenderedPages> {
  const { current } = stories
  const siteInputs = reuse?.siteInputs ?? siteInputsOf(site, codeAndTemplates)
  const inputsOf = (page: Page): string => {
    const own = page.kind === 'article' ? `\0own:${wholeFingerprint(current(page.entry.article))}` : ''
    return createHash('sha1').update(`${siteInputs}\0${page.kind}\0${page.outputPath}\0${page.url}${own}`).digest('hex')
  }

  // A store on disk hands over unchanged pages as files to link (a one-shot rebuild never
  // reads them); a builder that keeps pages in memory needs their bytes.
  const keep = linkKept ? previous?.kept : undefined
  // The same plan rendered last time in memory (`dev`): every page is taken over at once and
  // only the changed stories' pages are looked at (17,600 pages at 10,000 stories).
  const held = reuse?.held
  const next = new Map<string, Rendered>(held ?? [])
  const linked = new Map<string, KeptFile>()
  const { stale, matching, inputsByPath } = sortPages(reuse?.changedPages ?? pages, inputsOf, previous, keep, next)
  await takeMatching(matching, previous, keep, { stale, linked, next })
  const keptCount = pages.length - stale.length
  const emitted = await renderStale(site, stale, templates, emit, stories, next)
  const files: OutputFile[] = []
  const kept: KeptFile[] = []
  for (const page of pages) {
    const held = next.get(page.outputPath)
    if (held) files.push({ path: page.outputPath, contents: held.contents })
    const link = linked.get(page.outputPath)
    if (link) kept.push(link)
  }
  // The assets follow the pages, as in a full render.
  files.push(...templates.assets)
  // Every page's inputs: those worked out here, or with the held pages, all of them in `next`.
  const inputs = (): ReadonlyMap<string, string> => (held ? new Map([...next].map(([outputPath, page]) => [outputPath, page.inputs])) : inputsByPath)
  return { files, kept, emitted, rendered: next, keptCount, inputs, siteInputs }
}

/** What every page is made from: the code, templates, configuration and each story's card and URL. */
function siteInputsOf(site: Site, codeAndTemplates: string): string {
  const hash = createHash('sha1').update(codeAndTemplates).update('\0').update(JSON.stringify(site.config))
  for (const entry of site.articles) hash.update(`\0${cardFingerprint(entry.article)}@${entry.url}`)
  return hash.digest('hex')
}

/**
 * The pages with their inputs, sorted: stale (to render), matching (to take from the store
 * on disk), or taken at once from a store in memory into `next`.
 */
function sortPages(
  pages: readonly Page[],
  inputsOf: (page: Page) => string,
  previous: PageStore | undefined,
  keep: PageStore['kept'],
  next: Map<string, Rendered>,
): { stale: PageWithInputs[]; matching: PageWithInputs[]; inputsByPath: Map<string, string> } {
  const inputsByPath = new Map<string, string>()
  const stale: PageWithInputs[] = []
  // Pages whose inputs match, to be taken from the store on disk.
  const matching: PageWithInputs[] = []
  for (const page of pages) {
    const inputs = inputsOf(page)
    inputsByPath.set(page.outputPath, inputs)
    if (previous?.inputs(page.outputPath) !== inputs) {
      stale.push({ page, inputs })
    } else if (previous.held && !keep) {
      // In memory (`dev`): no need to go through a promise per page.
      const contents = previous.held(page.outputPath)
      if (contents === undefined) stale.push({ page, inputs })
      else next.set(page.outputPath, { inputs, contents })
    } else {
      matching.push({ page, inputs })
    }
  }
  return { stale, matching, inputsByPath }
}

/** Takes the matching pages from the store: as files to link (`keep`), else their bytes; a page the store no longer has goes stale. */
async function takeMatching(
  matching: readonly PageWithInputs[],
  previous: PageStore | undefined,
  keep: PageStore['kept'],
  into: { readonly stale: PageWithInputs[]; readonly linked: Map<string, KeptFile>; readonly next: Map<string, Rendered> },
): Promise<void> {
  const { stale, linked, next } = into
  await pMap(
    matching,
    async ({ page, inputs }) => {
      if (previous === undefined) return
      if (keep) {
        const file = await keep(page.outputPath)
        if (file === undefined) stale.push({ page, inputs })
        else linked.set(page.outputPath, file)
        return
      }
      const contents = await previous.contents(page.outputPath)
      if (contents === undefined) stale.push({ page, inputs })
      else next.set(page.outputPath, { inputs, contents })
    },
    { concurrency: filesAtOnce },
  )
}

/**
 * Renders the stale pages: into `next`, or a batch at a time to `emit` when the pages are
 * written as they come (the build then never holds the whole site's HTML).
 *
 * @returns The emitted pages' lengths and hashes.
 */
async function renderStale(
  site: Site,
  stale: readonly PageWithInputs[],
  templates: TemplateSet,
  emit: ((files: readonly OutputFile[]) => Promise<void>) | undefined,
  stories: Stories,
  next: Map<string, Rendered>,
): Promise<Map<string, PageBytes>> {
  const render = pageRenderer(templates)
  const emitted = new Map<string, PageBytes>()
  // A batch at a time, so only a batch of the stories read in full for their pages is held.
  for (let index = 0; index < stale.length; index += emitBatchSize) {
    const batch = stale.slice(index, index + emitBatchSize)
    const fresh = render(site, await pMap(batch, (item) => storyPage(item.page, stories), { concurrency: filesAtOnce }))
    if (emit) {
      for (const file of fresh) emitted.set(file.path, pageBytes(file.contents))
      await emit(fresh)
    } else {
      fresh.forEach((file, at) => next.set(file.path, { inputs: batch[at]?.inputs ?? '', contents: file.contents }))
    }
  }
  return emitted
}

/** Pages rendered between two writes when pages are emitted. */
export const emitBatchSize = 256
