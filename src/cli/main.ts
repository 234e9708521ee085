/**
 * The command line: argv → build → write → report. The only code that touches `process`
 * (argv, stdout, stderr, exit code); it never calls `process.exit()`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import type { VFile } from 'vfile'
import type { OutputFile, SiteConfig } from '../model/site.js'
import type { SearchInput } from '../build.js'
import type { SearchIndexing } from '../search/index.js'
import { countMessages, formatLeftOut, formatMessages, formatSummary, plural } from './format-messages.js'

// The stages are imported when a command needs them, so `--help` and `--version` start at once.

const packageRoot = fileURLToPath(new URL('../../', import.meta.url))

const usage = `Usage: dateline <command> [options]

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

interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

function readVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version?: string }
  return manifest.version ?? '0.0.0'
}

/**
 * Read and validate `dateline.config.json`, printing its problems; `undefined` when it is broken.
 *
 * @param publishing For a command that makes a site to publish (`build`, `check`): gets the
 *   warnings about settings that only suit a local preview, for the command to print last.
 */
async function readConfig(cwd: string, io: Io, publishing?: string[]): Promise<SiteConfig | undefined> {
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
 * Sites of this many files or more are built holding only each story's card between parse
 * and render (`BuildOptions.cardsOnly`): below it, whole stories take less than ~250 MB and
 * reading them again would only cost time.
 */
const cardsOnlyFrom = 5_000

/** How often a build looks for parse cache entries to delete: they live a week, so once a day is enough. */
const pruneIntervalMs = 24 * 60 * 60 * 1000

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
const leanHeap = (files: number): void => {
  if (files >= leanHeapFrom) setFlagsFromString('--heap-growing-percent=50')
}

/** Where `check` sends the pages it renders (rendering can fail, so it renders): nowhere. */
async function discardPages(): Promise<void> {}

/**
 * Print the messages of `sources` and their summary; the exit code (1 on errors).
 *
 * @param options.showInfo List information too (`dateline check`); otherwise it is only counted, with a pointer to `check`.
 */
function reportSources(sources: readonly VFile[], io: Io, options: { readonly showInfo?: boolean } = {}): number {
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
 * Run the CLI with `args` (argv without node and script). Sets `process.exitCode`: 0, 1
 * when content has errors, 2 when the command could not run (usage, configuration,
 * templates, the output folder, the file system), said in one line.
 */
export async function main(args: readonly string[], io: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }): Promise<void> {
  try {
    await runCommand(args, io)
  } catch (error) {
    const { describeFault } = await import('../faults.js')
    io.err(describeFault(error, process.cwd()))
    if (process.env.DATELINE_DEBUG !== undefined && process.env.DATELINE_DEBUG !== '' && error instanceof Error) io.err(error.stack ?? '')
    process.exitCode = 2
  }
}

async function runCommand(args: readonly string[], io: Io): Promise<void> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
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
      },
    })
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`)
    process.exitCode = 2
    return
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.version) {
    io.out(readVersion())
    return
  }
  if (values.help || command === undefined || command === 'help') {
    io.out(usage)
    if (command === undefined && !values.help) process.exitCode = 2
    return
  }
  const cwd = process.cwd()
  const contentDir = path.resolve(cwd, values.content ?? 'content')
  const attribute = values['no-attribution'] !== true

  switch (command) {
    case 'build': {
      // Printed last, by the line that says where the site went: a missing base URL is easy to miss above the messages.
      const configWarnings: string[] = []
      const config = await readConfig(cwd, io, configWarnings)
      if (!config) {
        process.exitCode = 2
        return
      }
      const templatesDir = templatesDirFor(cwd, values.templates)
      await requireFolder(contentDir, 'content folder', '--content', cwd)
      await requireFolder(templatesDir, 'templates folder', '--templates', cwd)
      const outDir = path.resolve(cwd, values.out ?? 'dist')
      const started = performance.now()
      const [{ build }, { commitOrAbort, openStaging }, { openBuildSupport, formatTimings }, { createProgress }, { pageRecord }] = await Promise.all([
        import('../build.js'),
        import('../write/write-site.js'),
        import('./build-support.js'),
        import('./progress.js'),
        import('../cache/page-cache.js'),
      ])
      const cacheDir = values['cache-dir'] === undefined ? undefined : path.resolve(cwd, values['cache-dir'])
      const support = await openBuildSupport({ packageRoot, version: readVersion(), contentDir, cacheDir, noCache: values['no-cache'] === true })
      // One parse thread starts now, beside loading and the cache lookups, so an edited
      // file does not wait for it (about 0.3 s of a 1,000-story rebuild's 0.5 s parse stage).
      // When nothing needs parsing it costs the other core that start-up, not the build's time.
      support.pool.warm(1)
      const progress = createProgress(process.stderr, { label: 'parsing' })
      // Pagefind starts as soon as the site is planned and takes the stories while the pages
      // are rendered and written; its files go into the staging folder, so the index is
      // swapped in with the pages (indexing after the swap left a half-indexed dist/ when
      // the build was killed).
      const { startSearchIndex, SearchIndexFailure } = await import('../search/index.js')
      // Each shard is indexed from a worker thread with its own Pagefind process, two at once.
      const shardWorker = path.join(packageRoot, 'lib', 'cli', 'search-shard.js')
      let indexing: SearchIndexing | undefined
      const onPlanned = values['no-search'] === true ? undefined : (search: SearchInput) => {
        indexing = startSearchIndex({ search, stateDir: support.searchStateOf(outDir), codeId: support.codeId, shardWorker })
      }
      const beforeSwap = async (stagingDir: string): Promise<void> => {
        const search = indexing
        if (search === undefined) return
        // writeInto stops Pagefind itself, whatever happens.
        indexing = undefined
        const indexed = await search.writeInto(stagingDir)
        for (const problem of indexed.problems) io.err(`Search index: ${problem}`)
      }
      // Pages go into the staging folder as they are rendered, so the build never holds the
      // whole site's HTML; the folder replaces the output folder only once it is complete.
      const staging = await openStaging(outDir, { protectedPaths: [cwd, contentDir, templatesDir, homedir(), ...(cacheDir === undefined ? [] : [cacheDir])], beforeSwap })
      let emitMs = 0
      const emit = async (files: readonly OutputFile[]): Promise<void> => {
        // A search index that failed (its Pagefind died) fails the build: stop rendering now.
        const failed = indexing?.failure()
        if (failed !== undefined) throw failed
        const emitStart = performance.now()
        await staging.write(files)
        emitMs += performance.now() - emitStart
      }
      try {
        let result
        try {
          result = await build({ contentDir, templatesDir, cwd, config, includeDrafts: values.drafts === true, attribute, ...support, skipFolders: [outDir, ...(cacheDir === undefined ? [] : [cacheDir])], previousPages: await support.pagesOf(outDir), onPlanned, onParsed: () => support.pool.close(), emit, onProgress: progress.update, now: new Date().toISOString(), cardsOnly: true, cardsOnlyFrom, onLoaded: leanHeap })
        } finally {
          progress.end()
          await support.pool.close()
        }
        const exitCode = reportSources(result.sources, io)
        const writeStart = performance.now()
        await staging.write(result.files)
        await staging.keep(result.kept)
        await support.forget(outDir)
        // The marker names the pages written, so the cache's record of them is only trusted
        // while the folder holds them (a build with --no-cache replaces it and not the record).
        const record = pageRecord(result.files, result.pageInputs, result.kept, result.emitted)
        await commitOrAbort(staging, record.id)
        await support.remember(outDir, record, result.pagesMadeBy)
        support.rememberSources(result.sources)
        // New entries were written: drop the ones nothing has used for a week.
        if (result.counts.parsed > 0) await support.cache?.prune(undefined, pruneIntervalMs)
        // The write row counts the pages written while rendering too, and render does not.
        const writeMs = emitMs + (performance.now() - writeStart)
        if (values.timings) io.err(formatTimings({ ...result, timings: { ...result.timings, render: result.timings.render - emitMs } }, writeMs, performance.now() - started))
        const leftOut = formatLeftOut(result.leftOut)
        if (leftOut !== '') io.err(leftOut)
        for (const warning of configWarnings) io.err(warning)
        io.err(`Built ${plural(result.articles.length, 'article')} into ${path.relative(cwd, outDir) || '.'}/ (${result.files.length + result.emitted.size + result.kept.length} files) in ${Math.round(performance.now() - started)} ms`)
        process.exitCode = exitCode
      } catch (error) {
        await staging.abort()
        if (!(error instanceof SearchIndexFailure)) throw error
        // A fault of the machine, not of the content: one line, the old output untouched.
        io.err(`${error.message}. Nothing was written: ${path.relative(cwd, outDir) || '.'}/ is as it was. Build again, or with --no-search to skip the index.`)
        process.exitCode = 2
      } finally {
        // A build that failed before its write must not leave Pagefind running.
        await indexing?.cancel()
      }
      return
    }
    case 'dev': {
      const config = await readConfig(cwd, io)
      if (!config) {
        process.exitCode = 2
        return
      }
      const templatesDir = templatesDirFor(cwd, values.templates)
      await requireFolder(contentDir, 'content folder', '--content', cwd)
      await requireFolder(templatesDir, 'templates folder', '--templates', cwd)
      const cacheDir = values['cache-dir'] === undefined ? undefined : path.resolve(cwd, values['cache-dir'])
      const port = values.port === undefined ? undefined : Number(values.port)
      if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
        io.err(`Unexpected port \`${values.port}\`, expected a number from 0 to 65535\n\n${usage}`)
        process.exitCode = 2
        return
      }
      const [{ runDevServer, defaultPreviewDir, previewFolderProblem }, { configFileName }] = await Promise.all([import('./dev.js'), import('../content/config.js')])
      const configFile = path.join(cwd, configFileName)
      // Never where `build` writes: the preview has drafts and no search index.
      const outDir = values.out === undefined ? defaultPreviewDir(contentDir) : path.resolve(cwd, values.out)
      const refused = await previewFolderProblem(outDir, cwd)
      if (refused !== undefined) {
        io.err(refused)
        process.exitCode = 1
        return
      }
      await runDevServer({ cwd, contentDir, configFile, loadConfig: () => readConfig(cwd, io), templatesDir, outDir, config, attribute, packageRoot, version: readVersion(), cacheDir, noCache: values['no-cache'] === true, port, timings: values.timings === true }, io)
      return
    }
    case 'check': {
      const configWarnings: string[] = []
      const config = await readConfig(cwd, io, configWarnings)
      if (!config) {
        process.exitCode = 2
        return
      }
      // The same parse as `build` (worker pool, per-file time limit, cache), so a
      // pathological file is reported as `parse-timeout` instead of hanging the check, and
      // URL collisions are messages on their files. Nothing is written.
      const templatesDir = templatesDirFor(cwd, values.templates)
      await requireFolder(contentDir, 'content folder', '--content', cwd)
      await requireFolder(templatesDir, 'templates folder', '--templates', cwd)
      const [{ build }, { openBuildSupport }] = await Promise.all([import('../build.js'), import('./build-support.js')])
      const cacheDir = values['cache-dir'] === undefined ? undefined : path.resolve(cwd, values['cache-dir'])
      const support = await openBuildSupport({ packageRoot, version: readVersion(), contentDir, cacheDir, noCache: values['no-cache'] === true })
      let result
      try {
        result = await build({ contentDir, templatesDir, cwd, config, includeDrafts: true, attribute, ...support, skipFolders: [...(values.out === undefined ? [] : [path.resolve(cwd, values.out)]), ...(cacheDir === undefined ? [] : [cacheDir])], cardsOnly: true, cardsOnlyFrom, onLoaded: leanHeap, emit: discardPages })
      } finally {
        await support.pool.close()
      }
      support.rememberSources(result.sources)
      // Held-back attributions (info) are listed here, and only here.
      process.exitCode = reportSources(result.sources, io, { showInfo: true })
      for (const warning of configWarnings) io.err(warning)
      return
    }
    case 'new': {
      const config = await readConfig(cwd, io)
      if (!config) {
        process.exitCode = 2
        return
      }
      const { createArticle } = await import('./new.js')
      const created = await createArticle({ headline: rest.join(' '), section: values.section, contentDir, now: new Date(), timeZone: config.timeZone })
      if (created.ok) io.out(path.relative(cwd, created.file))
      else {
        io.err(created.problem)
        process.exitCode = 1
      }
      return
    }
    case 'import': {
      const [given] = rest
      if (given === undefined || rest.length > 1) {
        io.err(`Expected exactly one FILE for \`dateline import\`\n\n${usage}`)
        process.exitCode = 2
        return
      }
      const config = await readConfig(cwd, io)
      if (!config) {
        process.exitCode = 2
        return
      }
      const [{ loadFile }, { importWireFile }] = await Promise.all([import('../content/load.js'), import('./import.js')])
      const file = await loadFile(given, { cwd })
      const imported = await importWireFile(file, contentDir, { section: values.section, now: new Date(), timeZone: config.timeZone })
      if (!imported.ok) {
        if (imported.problem === undefined) reportSources([file], io)
        else io.err(imported.problem)
        process.exitCode = 1
        return
      }
      for (const note of imported.notes) io.err(note)
      io.out(path.relative(cwd, imported.file))
      return
    }
    case 'parse': {
      const [given] = rest
      if (given === undefined || rest.length > 1) {
        io.err(`Expected exactly one FILE for \`dateline parse\`\n\n${usage}`)
        process.exitCode = 2
        return
      }
      const [{ loadFile }, { parseArticle }] = await Promise.all([import('../content/load.js'), import('../parse/article.js')])
      const file = await loadFile(given, { cwd })
      const article = parseArticle(file, { attribute })
      // No model to print: the messages (on stderr) say why, and nothing goes to stdout,
      // so a script reading it gets no `null` to mistake for an article.
      if (article !== undefined) io.out(JSON.stringify(article, null, values.json ? 2 : undefined))
      process.exitCode = reportSources([file], io)
      return
    }
    case 'quotes': {
      if (rest.length === 0) {
        io.err(`Expected at least one FILE for \`dateline quotes\`\n\n${usage}`)
        process.exitCode = 2
        return
      }
      // The site's threshold when run in a site folder (the defaults without a configuration file).
      const config = await readConfig(cwd, io)
      if (!config) {
        process.exitCode = 1
        return
      }
      const [{ loadFile }, { parseArticle }, { quoteOffsets }, { isPublished, publishThreshold }] = await Promise.all([
        import('../content/load.js'),
        import('../parse/article.js'),
        import('../parse/body-quotes.js'),
        import('../quotes/policy.js'),
      ])
      const threshold = publishThreshold(config)
      const files: VFile[] = []
      for (const given of rest) {
        const file = await loadFile(given, { cwd })
        files.push(file)
        const article = parseArticle(file, { attribute })
        const people = new Map((article?.people ?? []).map((person) => [person.id, person]))
        const quotes = (article?.quotes ?? []).map((quote) => {
          const speaker = quote.speakerId === undefined ? undefined : people.get(quote.speakerId)
          return {
            id: quote.id,
            text: quote.text,
            kind: quote.kind,
            speaker: speaker?.name ?? null,
            role: speaker?.role ?? null,
            cue: quote.cue ?? null,
            confidence: quote.confidence ?? 0,
            published: isPublished(quote, threshold),
            ...quoteOffsets(quote),
          }
        })
        io.out(JSON.stringify({ file: given, headline: article?.headline ?? null, quotes }))
      }
      const counts = countMessages(files)
      if (counts.errors > 0) {
        io.err(formatMessages(files.filter((file) => file.messages.some((message) => message.fatal === true))))
        process.exitCode = 1
      }
      return
    }
    default:
      io.err(`Unknown command \`${command}\`\n\n${usage}`)
      process.exitCode = 2
  }
}
