/**
 * What every command starts from: the options it was given, the folders they name, and the
 * steps several commands share (reading the configuration, checking a folder is there,
 * reporting messages).
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import type { VFile } from 'vfile'
import type { SiteConfig } from '../model/site.js'
import { countMessages, formatMessages, formatSummary } from './format-messages.js'

// The stages are imported when a command needs them, so `--help` and `--version` start at once.

/** The package's folder: `src/cli/` in the sources, `lib/cli/` or `lib/chunks/` once bundled, two levels down either way. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

export const usage = `Usage: dateline <command> [options]

Commands:
  build                  Build content/ into a static site in dist/
  dev                    Build, serve on localhost, rebuild and reload on every change (drafts shown)
  check                  Check content/ and report problems, without building
  parse FILE --json      Print the article model of FILE as JSON
  quotes FILE… --jsonl   Print each file's quotes and speakers, one JSON line per file
  new "HEADLINE"         Scaffold a draft article in content/<section>/ (--section NAME)
  import FILE            Turn wire copy into a draft Markdown article in content/<section>/ (--section NAME)

Options:
  --content DIR          Content folder (default: content)
  --out DIR              Output folder (build: dist; dev: .cache/dateline-dev/, never a build's folder)
  --templates DIR        Templates folder (default: templates/ when present, else the built-in ones)
  --drafts               Publish articles marked draft: true
  --no-attribution       Find quotes but do not attribute them
  --section NAME         Section for new and import (default: news)
  --no-search            Build without the Pagefind search index
  --timings              Print the time spent in each stage
  --cache-dir DIR        Parse cache (default: .cache/dateline/ beside the content folder)
  --no-cache             Parse every article, without reading or writing the cache
  --port N               Port for dev (default: 8080, or a free one when taken)
  -h, --help             Show this help
  -v, --version          Show the version`

/** The options `usage` lists, for `parseArgs`. */
export const argOptions = {
  content: { type: 'string' },
  out: { type: 'string' },
  templates: { type: 'string' },
  drafts: { type: 'boolean' },
  'no-attribution': { type: 'boolean' },
  section: { type: 'string' },
  'no-search': { type: 'boolean' },
  timings: { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean' },
  port: { type: 'string' },
  json: { type: 'boolean' },
  jsonl: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

/** The options as `parseArgs` gives them. */
export type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof argOptions }>>['values']

export interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

/** A command's options and where it runs. */
export interface CommandContext {
  readonly values: Values
  /** The words after the command (files, a headline). */
  readonly rest: readonly string[]
  readonly cwd: string
  /** `--content`, resolved (default `content`). */
  readonly contentDir: string
  /** Not `--no-attribution`. */
  readonly attribute: boolean
  readonly io: Io
}

export function readVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version?: string }
  return manifest.version ?? '0.0.0'
}

/**
 * Read and validate `dateline.config.json`, printing its problems; `undefined` when it is broken.
 *
 * @param publishing For a command that makes a site to publish (`build`, `check`): gets the
 *   warnings about settings that only suit a local preview, for the command to print last.
 */
export async function readConfig(cwd: string, io: Io, publishing?: string[]): Promise<SiteConfig | undefined> {
  const [{ configFileName, configFromFile, publishWarnings, resolveConfig }, { loadConfigFile }] = await Promise.all([import('../content/config.js'), import('../content/load.js')])
  const file = await loadConfigFile(path.join(cwd, configFileName), cwd)
  if (file === undefined) {
    const defaults = resolveConfig({})
    publishing?.push(...publishWarnings({}))
    return defaults.ok ? defaults.config : undefined
  }
  const config = configFromFile(file)
  if (config === undefined) {
    io.err(formatMessages([file]))
    return undefined
  }
  publishing?.push(...publishWarnings(JSON.parse(String(file.value)) as unknown))
  return config
}

/** `--templates`, else the folder's own `templates/` when it has one, else the built-in templates. */
function templatesDirFor(cwd: string, given: string | undefined): string {
  const local = path.join(cwd, 'templates')
  return path.resolve(cwd, given ?? (existsSync(local) ? local : path.join(packageRoot, 'templates')))
}

/**
 * A folder the command reads (`--content`, `--templates`), which must exist and be a
 * folder: said up front, before anything is started or written.
 */
async function requireFolder(folder: string, what: string, option: string, cwd: string): Promise<void> {
  const [{ stat }, { Refusal, shownPath }] = await Promise.all([import('node:fs/promises'), import('../faults.js')])
  let isFolder: boolean
  try {
    isFolder = (await stat(folder)).isDirectory()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Refusal(`Cannot read the ${what} \`${shownPath(folder, cwd)}\`: it does not exist (name another with ${option})`)
    throw error
  }
  if (!isFolder) throw new Refusal(`Cannot read the ${what} \`${shownPath(folder, cwd)}\`: it is a file, not a folder`)
}

/**
 * What a command that builds the site (`build`, `dev`, `check`) reads first: the
 * configuration, then the content and templates folders, which must be there.
 *
 * @returns `undefined`, with exit code 2, when the configuration is broken.
 */
export async function siteInputs(context: CommandContext, publishing?: string[]): Promise<{ readonly config: SiteConfig; readonly templatesDir: string } | undefined> {
  const { cwd, io } = context
  const config = await readConfig(cwd, io, publishing)
  if (!config) {
    process.exitCode = 2
    return undefined
  }
  const templatesDir = templatesDirFor(cwd, context.values.templates)
  await requireFolder(context.contentDir, 'content folder', '--content', cwd)
  await requireFolder(templatesDir, 'templates folder', '--templates', cwd)
  return { config, templatesDir }
}

/** `--cache-dir`, resolved; `undefined` for the default. */
export function cacheDirOf(context: CommandContext): string | undefined {
  const given = context.values['cache-dir']
  return given === undefined ? undefined : path.resolve(context.cwd, given)
}

/**
 * From this many files on, grow the heap by half its live size between full collections,
 * not the up to 4× V8 allows on a machine with memory to spare. A 10,000-story build's
 * main process peaked at 811 MB of RSS over a live heap of ~230 MB, and at 433–441 MB this
 * way, in the same time; at 4,000 stories the build's peak went from 744 to 590 MB (then
 * Pagefind's). It costs a 4,000-story rebuild ~5 % (more full collections while cache
 * entries are read), so small sites, where memory is no concern, keep V8's default.
 */
const leanHeapFrom = 2_000
/** V8 reads the flag at each collection, so setting it once the files are counted works. */
export const leanHeap = (files: number): void => {
  if (files >= leanHeapFrom) setFlagsFromString('--heap-growing-percent=50')
}

/**
 * Print the messages of `sources` and their summary; the exit code (1 on errors).
 *
 * @param options.showInfo List information too (`dateline check`); otherwise it is only counted, with a pointer to `check`.
 */
export function reportSources(sources: readonly VFile[], io: Io, options: { readonly showInfo?: boolean } = {}): number {
  const text = formatMessages(sources, { showInfo: options.showInfo === true })
  if (text !== '') io.err(text)
  const counts = countMessages(sources)
  io.err(formatSummary(counts, sources.length))
  if (options.showInfo !== true) {
    const held = sources.reduce((sum, file) => sum + file.messages.filter((message) => message.ruleId === 'quote-held-back').length, 0)
    if (held > 0) io.err(`${held} ${held === 1 ? 'attribution is' : 'attributions are'} held back for review (the quotes are shown without a speaker): \`dateline check\` lists them`)
  }
  return counts.errors > 0 ? 1 : 0
}
