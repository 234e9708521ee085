/**
 * The render stage: pages → HTML files through the Eta templates in `templates/`.
 *
 * Templates are trusted and compiled once per build. They print with `<%= %>`, which
 * escapes; `<%~ %>` is kept for the sanitized body HTML and the escaped JSON-LD. Render
 * reads no files and decides no URLs: everything comes on the site model.
 */
import { Eta } from 'eta/core'
import type { OutputFile, Page, Site, TemplateSet } from '../model/site.js'
import { articlePageData, indexPageData, listingPageData, notFoundPageData, searchPageData, sectionPageData, tagsPageData } from './page-data.js'
import { peoplePageData, personPageData, quotesPageData } from './speaker-data.js'

/** The template each page kind is rendered with. */
const templateForKind: Readonly<Record<Page['kind'], string>> = {
  article: 'article',
  index: 'index',
  section: 'section',
  tag: 'tag',
  tags: 'tags',
  author: 'author',
  search: 'search',
  person: 'person',
  people: 'people',
  quotes: 'quotes',
  notFound: '404'
}

/**
 * Renders every page, and passes the stylesheet and other assets through unchanged.
 *
 * @param site The site model (configuration, articles, sections).
 * @param pages The pages the site stage planned; one output file each, at `outputPath`.
 * @param templates The trusted templates and assets from `templates/`.
 * @returns The pages' HTML files followed by the assets.
 * @throws {Error} When a template is missing, fails to compile or fails to render:
 *   templates are trusted, so that is a bug rather than a content problem.
 */
export function renderSite(site: Site, pages: readonly Page[], templates: TemplateSet): OutputFile[] {
  return [...pageRenderer(templates)(site, pages), ...templates.assets]
}

/**
 * Compile the templates once and return a function that renders pages (without the
 * assets), for a build that renders and writes its pages a batch at a time.
 */
export function pageRenderer(templates: TemplateSet): (site: Site, pages: readonly Page[]) => OutputFile[] {
  const eta = compileTemplates(templates)
  return (site, pages) => pages.map((page) => renderPage(eta, site, page, templates))
}

function compileTemplates(templates: TemplateSet): Eta {
  // `eta/core` has no file system access: every template and partial is in memory.
  const eta = new Eta({ autoEscape: true, useWith: false, varName: 'it', cache: true })
  for (const [name, source] of Object.entries(templates.templates)) {
    try {
      // `@` marks a named in-memory template, so `include('@partials/x')` and
      // `layout('@layout')` never look for a file.
      eta.loadTemplate(`@${name}`, source)
    } catch (cause) {
      throw new Error(`Cannot compile template \`${name}\`: ${messageOf(cause)}`, { cause })
    }
  }
  return eta
}

function renderPage(eta: Eta, site: Site, page: Page, templates: TemplateSet): OutputFile {
  const name = templateForKind[page.kind]
  if (!Object.hasOwn(templates.templates, name)) {
    throw new Error(`Cannot render \`${page.kind}\` page without an \`${name}\` template`)
  }
  const data =
    page.kind === 'article'
      ? articlePageData(site, page)
      : page.kind === 'index'
        ? indexPageData(site, page)
        : page.kind === 'section'
          ? sectionPageData(site, page)
          : page.kind === 'tag' || page.kind === 'author'
            ? listingPageData(site, page)
            : page.kind === 'tags'
              ? tagsPageData(site, page)
              : page.kind === 'search'
                ? searchPageData(site, page)
                : page.kind === 'person'
                  ? personPageData(site, page)
                  : page.kind === 'people'
                    ? peoplePageData(site, page)
                    : page.kind === 'quotes'
                      ? quotesPageData(site, page)
                      : notFoundPageData(site, page)
  try {
    return { path: page.outputPath, contents: eta.render(`@${name}`, data) }
  } catch (cause) {
    throw new Error(`Cannot render \`${page.kind}\` page \`${page.outputPath}\` with the \`${name}\` template: ${messageOf(cause)}`, {
      cause
    })
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
