/**
 * The render stage: pages → HTML files through the Eta templates in `templates/`.
 *
 * Templates are trusted and compiled once per build. They print with `<%= %>`, which
 * escapes; `<%~ %>` is kept for the sanitized body HTML and the escaped JSON-LD. Render
 * reads no files and decides no URLs: everything comes on the site model.
 */
import path from 'node:path'
import { compileFunction } from 'node:vm'
import { Eta, type TemplateFunction } from 'eta/core'
import type { OutputFile, PageToRender, Site, TemplateSet } from '../model/site.js'
import { pageData, pageKinds } from './pages/kinds.js'

/**
 * A template that does not compile or render, at the place in its file where it goes
 * wrong: templates are trusted code, so this is a fault of the site, not of its content.
 */
export class TemplateError extends Error {
  override readonly name = 'TemplateError'
  constructor(
    /** The template's file (or its name plus `.eta` when the folder is not known). */
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** What went wrong, on one line. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file}:${line}:${column}: ${reason}`, options)
  }
}

/**
 * Renders every page, and passes the stylesheet and other assets through unchanged.
 *
 * @param site The site model (configuration, articles, sections).
 * @param pages The pages the site stage planned, each article page with its story
 *   (`storyPage` in src/build/stories.ts); one output file each, at `outputPath`.
 * @param templates The trusted templates and assets from `templates/`.
 * @returns The pages' HTML files followed by the assets.
 * @throws {Error} When a template is missing, fails to compile or fails to render:
 *   templates are trusted, so that is a bug rather than a content problem.
 */
export function renderSite(site: Site, pages: readonly PageToRender[], templates: TemplateSet): OutputFile[] {
  return [...pageRenderer(templates)(site, pages), ...templates.assets]
}

/**
 * Compile the templates once and return a function that renders pages (without the
 * assets), for a build that renders and writes its pages a batch at a time.
 */
export function pageRenderer(templates: TemplateSet): (site: Site, pages: readonly PageToRender[]) => OutputFile[] {
  const renderer = compileTemplates(templates)
  return (site, pages) => pages.map((page) => renderPage(renderer, site, page, templates))
}

/** A compiled template and what it takes to map a place in its code back to its file. */
interface Compiled {
  readonly name: string
  readonly file: string
  readonly source: string
  /** The code Eta made of it, as compiled (`__eta.line=N` before each tag's code). */
  readonly codeLines: readonly string[]
  /** Its tags in order: what each holds, and the line it starts on. */
  readonly tags: readonly { readonly val: string; readonly lineNo: number }[]
}

interface Renderer {
  readonly eta: Eta
  /** By the file name given to each template's compiled code. */
  readonly compiled: ReadonlyMap<string, Compiled>
}

/** The file name a template's compiled code runs under, so stack traces say which template. */
function codeFileOf(name: string): string {
  return `dateline-template/${name}.js`
}

function compileTemplates(templates: TemplateSet): Renderer {
  // `eta/core` has no file system access: every template and partial is in memory. `debug`
  // puts `__eta.line=N` before each tag's code, which maps an error back to its tag.
  const eta = new Eta({ autoEscape: true, useWith: false, varName: 'it', cache: true, debug: true })
  // Eta's own runtime error carries the template's text and no file: keep the original
  // error, whose stack names the template's code (`codeFileOf`) and the place in it.
  eta.RuntimeErr = (error: Error): never => {
    throw error
  }
  const compiled = new Map<string, Compiled>()
  for (const [name, source] of Object.entries(templates.templates)) {
    const file = templates.dir === undefined ? `${name}.eta` : path.join(templates.dir, `${name}.eta`)
    let code: string
    try {
      code = eta.compileToString(source)
    } catch (cause) {
      // Eta's parse errors say `… at line N col M:` and then show the line.
      const message = messageOf(cause)
      const at = / at line (\d+) col (\d+):/.exec(message)
      throw new TemplateError(file, Number(at?.[1] ?? 1), Number(at?.[2] ?? 1), `Cannot compile template \`${name}\`: ${message.split('\n')[0]?.replace(/ at line \d+ col \d+:$/, '')}`, { cause })
    }
    const tags = eta.parse(source).flatMap((item) => (typeof item === 'string' ? [] : [{ val: item.val, lineNo: item.lineNo ?? 1 }]))
    const entry: Compiled = { name, file, source, codeLines: code.split('\n'), tags }
    compiled.set(codeFileOf(name), entry)
    let template: TemplateFunction
    try {
      // Compiled here rather than by Eta (`new Function`), so a syntax error and every
      // stack frame carry the place in this template's code.
      template = compileFunction(code, [eta.config.varName, 'options'], { filename: codeFileOf(name) }) as TemplateFunction
    } catch (cause) {
      // V8 starts a syntax error's stack with `file:line`, the line, and a caret under the place.
      const [where, , caret] = String((cause as Error).stack ?? '').split('\n')
      const codeLine = Number(/:(\d+)$/.exec(where ?? '')?.[1] ?? 1)
      const codeColumn = (caret?.includes('^') ? caret.indexOf('^') : (caret?.length ?? 0)) + 1
      const place = templatePlace(entry, codeLine, codeColumn)
      const said = messageOf(cause).split('\n')[0] ?? ''
      // Past the last tag only the code Eta adds can stand, which fails when a tag left a block open.
      const reason = place.atEnd ? `a block is left open at the end of the template (${said})` : said
      throw new TemplateError(file, place.line, place.column, `Cannot compile template \`${name}\`: ${reason}`, { cause })
    }
    // `@` marks a named in-memory template, so `include('@partials/x')` and
    // `layout('@layout')` never look for a file.
    eta.loadTemplate(`@${name}`, template)
  }
  return { eta, compiled }
}

/** The line and column in the template's file of a place in its compiled code (both 1-based). */
function templatePlace(template: Compiled, codeLine: number, codeColumn: number): { line: number; column: number; atEnd: boolean } {
  let anchor = -1
  let tagIndex = -1
  for (let index = 0; index < codeLine - 1 && index < template.codeLines.length; index++) {
    if (/^__eta\.line=\d+$/.test(template.codeLines[index] as string)) {
      anchor = index
      tagIndex++
    }
  }
  const tag = template.tags[tagIndex]
  if (tag === undefined) return { line: 1, column: 1, atEnd: false }
  const { source } = template
  let lineStart = 0
  for (let line = 1; line < tag.lineNo && lineStart !== -1; line++) lineStart = source.indexOf('\n', lineStart) + 1
  // The tag's opening (`<%`, `<%=`, `<%~`, with `-`/`_` and spaces) and then its code.
  const opening = /<%[-_]?\s*[=~]?\s*/g
  opening.lastIndex = lineStart
  let tagStart = lineStart
  let codeStart = lineStart
  for (let match = opening.exec(source); match; match = opening.exec(source)) {
    if (source.startsWith(tag.val, match.index + match[0].length)) {
      tagStart = match.index
      codeStart = match.index + match[0].length
      break
    }
  }
  const valLines = tag.val.split('\n')
  const lineInVal = codeLine - 1 - (anchor + 1)
  let offset = tagStart
  let atEnd = false
  if (lineInVal >= 0 && lineInVal < valLines.length) {
    // The tag's first code line is the tag's code after what Eta puts before it (`__eta.res+=__eta.e(`).
    const before = lineInVal === 0 ? Math.max(0, (template.codeLines[anchor + 1] ?? '').indexOf(valLines[0] as string)) : 0
    offset = codeStart + valLines.slice(0, lineInVal).reduce((sum, text) => sum + text.length + 1, 0) + Math.min(Math.max(0, codeColumn - 1 - before), (valLines[lineInVal] as string).length)
  } else if (tagIndex === template.tags.length - 1) {
    // Past the last tag's code: something a tag left open.
    offset = source.length
    atEnd = true
  }
  const prefix = source.slice(0, offset)
  const newline = prefix.lastIndexOf('\n')
  return { line: prefix.split('\n').length, column: offset - newline, atEnd }
}

/** The innermost place in a template's code that a runtime error's stack passes through. */
function runtimePlace(renderer: Renderer, error: unknown): { template: Compiled; line: number; column: number; atEnd: boolean } | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : ''
  for (const match of stack.matchAll(/(dateline-template\/[^\s():]+\.js):(\d+):(\d+)/g)) {
    const template = renderer.compiled.get(match[1] as string)
    if (template === undefined) continue
    const codeLine = Number(match[2])
    // A frame in the code Eta puts before the first tag (`include` itself): look further out.
    if (!template.codeLines.slice(0, codeLine - 1).some((line) => line.startsWith('__eta.line='))) continue
    return { template, ...templatePlace(template, codeLine, Number(match[3])) }
  }
  return undefined
}

function renderPage(renderer: Renderer, site: Site, page: PageToRender, templates: TemplateSet): OutputFile {
  const name = pageKinds[page.kind].template
  if (!Object.hasOwn(templates.templates, name)) {
    throw new Error(`Cannot render \`${page.kind}\` page without an \`${name}\` template`)
  }
  const data = pageData(site, page.kind, page)
  try {
    return { path: page.outputPath, contents: renderer.eta.render(`@${name}`, data) }
  } catch (cause) {
    const reason = `Cannot render \`${page.kind}\` page \`${page.outputPath}\` with the \`${name}\` template: ${messageOf(cause).split('\n')[0]}`
    const place = runtimePlace(renderer, cause)
    if (place === undefined) throw new Error(reason, { cause })
    throw new TemplateError(place.template.file, place.line, place.column, place.template.name === name ? reason : `${reason} (in \`${place.template.name}\`)`, { cause })
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
