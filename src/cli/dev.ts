/**
 * `dateline dev`: build once, serve the output on localhost, watch the content, templates
 * and configuration, and on every change rebuild only what changed, write only the bytes
 * that changed and reload the open pages. Drafts are shown; content problems are printed
 * in the terminal and shown over the page.
 *
 * The preview lives in a folder of its own (`.cache/dateline-dev/` beside the content
 * folder), never in `dist/`: it has drafts and no search index, and deploying `dist/` must
 * never publish it. Its marker says it is a preview, and `dev` refuses a folder that holds
 * a build (see `previewFolderProblem`).
 *
 * The server and the live reload exist only here: the built files on disk never contain
 * the reload script, it is added as pages are served.
 */
import { readFile, stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { homedir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { VFile } from 'vfile'
import type { SiteConfig } from '../model/site.js'
import { type Changes, createSiteBuilder, type SiteBuilder } from '../build.js'
import { isPreviewMarker, readOutputMarker, writeSite, resolveInside } from '../write/write-site.js'
import { type Contents, writeChanged } from '../write/write-changed.js'
import { type BuildSupport, openBuildSupport, formatTimings } from './build-support.js'
import { watchPaths } from './watch-paths.js'
import { countMessages, formatMessages, formatSummary } from './format-messages.js'

export interface DevOptions {
  readonly cwd: string
  readonly contentDir: string
  readonly templatesDir: string
  readonly outDir: string
  readonly config: SiteConfig
  /** Read `dateline.config.json` again; `undefined` when it is broken (the problem is printed). */
  readonly loadConfig: () => Promise<SiteConfig | undefined>
  readonly configFile: string
  readonly attribute: boolean
  readonly packageRoot: string
  readonly version: string
  readonly cacheDir: string | undefined
  readonly noCache: boolean
  /** `undefined`: 8080, or any free port when 8080 is taken. */
  readonly port: number | undefined
  readonly timings: boolean
}

interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

export interface DevServer {
  readonly url: string
  /** Stop watching and serving. */
  readonly close: () => Promise<void>
}

const defaultPort = 8080

/** Where `dev` writes its preview when not told: beside the parse cache, never where `build` writes. */
export function defaultPreviewDir(contentDir: string): string {
  return path.join(path.dirname(path.resolve(contentDir)), '.cache', 'dateline-dev')
}

/**
 * Why `dev` must not write its preview into `outDir`, or `undefined` when it may: a folder
 * that holds a site `dateline build` wrote (its marker says no preview), or the build's
 * own `dist/`, would be a site someone deploys with the drafts in it.
 *
 * @param outDir The folder asked for (absolute).
 * @param cwd The project folder, where `build` writes `dist/` by default.
 */
export async function previewFolderProblem(outDir: string, cwd: string): Promise<string | undefined> {
  const shown = `\`${path.relative(cwd, outDir) || '.'}/\``
  const advice = 'leave out --out (dev then uses .cache/dateline-dev/) or name a folder of its own'
  if (path.resolve(outDir) === path.resolve(cwd, 'dist')) {
    return `Cannot write the dev preview to ${shown}: it is where \`dateline build\` writes the site to publish, and the preview has drafts and no search index; ${advice}`
  }
  const marker = await readOutputMarker(outDir)
  if (marker !== undefined && !isPreviewMarker(marker)) {
    return `Cannot write the dev preview to ${shown}: it holds a site \`dateline build\` wrote, which the preview's drafts would replace; ${advice}`
  }
  return undefined
}
/** Changes that arrive this close together are one rebuild (an editor saving several files). */
const settleMs = 15
const eventsPath = '/__dateline/events'
const clientPath = '/__dateline/live.js'

/**
 * The page side of the live reload: reload on `reload`, show content problems in an
 * overlay on `problems`. Built with DOM calls and `textContent`, so a message can never
 * become markup.
 */
const clientScript = `const events = new EventSource(${JSON.stringify(eventsPath)})
events.addEventListener('reload', () => location.reload())
events.addEventListener('problems', (event) => {
  document.getElementById('dateline-overlay')?.remove()
  const problems = JSON.parse(event.data)
  if (problems.length === 0) return
  const overlay = document.createElement('div')
  overlay.id = 'dateline-overlay'
  overlay.setAttribute('role', 'alert')
  overlay.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;margin:0;padding:1rem;background:#2b0a0a;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap;z-index:2147483647'
  const close = document.createElement('button')
  close.textContent = 'Close'
  close.style.cssText = 'float:right'
  close.addEventListener('click', () => overlay.remove())
  const text = document.createElement('pre')
  text.style.margin = '0'
  text.textContent = problems.join('\\n')
  overlay.append(close, text)
  document.body.append(overlay)
})
`

/** Start the dev server and keep it running until SIGINT or SIGTERM. */
export async function runDevServer(options: DevOptions, io: Io): Promise<void> {
  const server = await startDevServer(options, io)
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void server.close().then(resolve)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

/** What a rebuild reads and updates: the builder, the open pages, the errors they show, and the bytes last written. */
interface DevSession {
  readonly builder: SiteBuilder
  /** The open pages' event streams. */
  readonly clients: Set<ServerResponse>
  /** The content errors, one line each, for the overlay. */
  problems: readonly string[]
  /** What each output path holds on disk now. */
  written: ReadonlyMap<string, Contents>
}

/** Changes seen since the last rebuild began. */
interface PendingChanges {
  readonly content: Set<string>
  templates: boolean
  config: boolean
}

/** What one rebuild is for: content files changed (absolute paths), and whether templates or the configuration did. */
interface ChangeSet {
  readonly content: readonly string[]
  readonly templates: boolean
  readonly config: boolean
}

/** Send one server-sent event to every open page. */
function sendEvent(clients: ReadonlySet<ServerResponse>, event: string, data: unknown): void {
  for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
}

/**
 * Print the messages of `shown` (every file at first, then the changed ones) and the
 * summary of all `sources`; returns the errors' lines, which the overlay shows.
 */
function reportMessages(io: Io, sources: readonly VFile[], shown: readonly VFile[]): string[] {
  const errorsOnly = sources.filter((file) => file.messages.some((message) => message.fatal === true))
  const text = formatMessages(shown)
  if (text !== '') io.err(text)
  io.err(formatSummary(countMessages(sources), sources.length))
  return formatMessages(errorsOnly, { showHints: false })
    .split('\n')
    .filter((line) => line !== '')
}

/** Note one changed path: the configuration file, something in the templates folder, or content. */
function notePending(pending: PendingChanges, absolute: string, configFile: string, templatesDir: string): void {
  if (absolute === configFile) pending.config = true
  else if (absolute === templatesDir || absolute.startsWith(templatesDir + path.sep)) pending.templates = true
  else pending.content.add(absolute)
}

/** What `pending` holds, leaving it empty for the changes that arrive during the rebuild. */
function takePending(pending: PendingChanges): ChangeSet {
  const changes: ChangeSet = { content: [...pending.content], templates: pending.templates, config: pending.config }
  pending.content.clear()
  pending.templates = false
  pending.config = false
  return changes
}

/**
 * The first build: everything, with every file's messages printed, written whole to the
 * preview folder. `started` is when `dev` began, for `--timings`.
 */
async function buildFirst(session: DevSession, support: BuildSupport, options: DevOptions, io: Io, started: number): Promise<void> {
  const protectedPaths = [options.cwd, options.contentDir, options.templatesDir, homedir(), ...(options.cacheDir === undefined ? [] : [options.cacheDir])]
  const first = await session.builder.build()
  session.problems = reportMessages(io, first.sources, first.sources)
  // Threads start now, not on the first edit: a rebuild should cost the edit, not the start-up.
  support.pool.warm()
  const writeStart = performance.now()
  // dev writes drafts and changes the folder file by file: a one-shot build's page record no longer describes it.
  await support.forget(options.outDir)
  await writeSite(first.files, options.outDir, { protectedPaths, preview: true })
  session.written = new Map<string, Contents>(first.files.map((file) => [file.path, file.contents]))
  if (options.timings) io.err(formatTimings(first, performance.now() - writeStart, performance.now() - started))
}

/**
 * Rebuild what `changes` touch, write the bytes that changed, print the changed files'
 * messages and tell the open pages (new problems; reload when a file was written or removed).
 * A configuration that no longer reads is printed by `loadConfig`, and nothing is rebuilt.
 */
async function rebuild(changes: ChangeSet, session: DevSession, options: DevOptions, io: Io): Promise<void> {
  const { content, templates } = changes
  if (content.length === 0 && !templates && !changes.config) return
  const start = performance.now()
  try {
    let config: SiteConfig | undefined
    if (changes.config) {
      config = await options.loadConfig()
      if (!config) return
    }
    const builderChanges: Changes = { content, templates, ...(config === undefined ? {} : { config }) }
    const result = await session.builder.build(builderChanges)
    // Paths as load gives them (relative to cwd), so 10,000 files need no path.resolve each.
    const touched = new Set(content.map((absolute) => path.relative(options.cwd, absolute) || absolute))
    session.problems = reportMessages(
      io,
      result.sources,
      result.sources.filter((file) => touched.has(file.path)),
    )
    const writeStart = performance.now()
    const { written: paths, removed, contents } = await writeChanged(result.files, session.written, options.outDir)
    session.written = contents
    const what = [...content.map((file) => path.relative(options.contentDir, file)), ...(templates ? ['templates'] : []), ...(changes.config ? ['config'] : [])]
    if (options.timings) io.err(formatTimings(result, performance.now() - writeStart, performance.now() - start))
    io.out(`rebuilt ${what.join(', ')} (${paths.length} files written, ${removed.length} removed) in ${Math.round(performance.now() - start)} ms`)
    sendEvent(session.clients, 'problems', session.problems)
    if (paths.length > 0 || removed.length > 0) sendEvent(session.clients, 'reload', paths)
  } catch (error) {
    // A broken template must not end the session: say so and wait for the fix.
    io.err(`Cannot rebuild: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Build, write, serve and watch; resolves once the first build is written and the server listens. */
export async function startDevServer(options: DevOptions, io: Io): Promise<DevServer> {
  const started = performance.now()
  const support = await openBuildSupport({ packageRoot: options.packageRoot, version: options.version, contentDir: options.contentDir, cacheDir: options.cacheDir, noCache: options.noCache })
  // The output folder and the cache are never content, even when put inside the content
  // folder: neither loaded nor watched (each write would otherwise start another rebuild).
  const skipFolders = [path.resolve(options.outDir), ...(options.cacheDir === undefined ? [] : [path.resolve(options.cacheDir)])]
  const builder = createSiteBuilder(
    { contentDir: options.contentDir, templatesDir: options.templatesDir, cwd: options.cwd, config: options.config, includeDrafts: true, attribute: options.attribute, ...support, skipFolders },
    { keepPages: true },
  )
  const session: DevSession = { builder, clients: new Set<ServerResponse>(), problems: [], written: new Map<string, Contents>() }
  await buildFirst(session, support, options, io, started)

  const server = createServer((request, response) => {
    void serve(request, response, options.outDir, session.clients, () => session.problems)
  })
  const port = await listen(server, options.port)
  const url = `http://localhost:${port}/`
  const shown = (dir: string): string => `${path.relative(options.cwd, dir) || '.'}/`

  // Rebuilds run one at a time; changes that arrive during one are gathered for the next.
  const pending: PendingChanges = { content: new Set<string>(), templates: false, config: false }
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const schedule = (): void => {
    clearTimeout(timer)
    timer = setTimeout(() => {
      running = running.then(() => rebuild(takePending(pending), session, options, io))
    }, settleMs)
  }
  const configFile = path.resolve(options.configFile)
  const templatesDir = path.resolve(options.templatesDir)
  const watcher = watchPaths([options.contentDir, options.templatesDir], [options.configFile], (absolute) => {
    notePending(pending, absolute, configFile, templatesDir)
    schedule()
  }, { skip: skipFolders })
  // Said once the watches are in place, so an edit right after this line is seen.
  io.out(`watching ${shown(options.contentDir)}, ${shown(options.templatesDir)} and ${path.relative(options.cwd, options.configFile)} — serving ${shown(options.outDir)} at ${url}`)

  return {
    url,
    async close() {
      clearTimeout(timer)
      watcher.close()
      await running
      for (const client of session.clients) client.end()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await support.pool.close()
    },
  }
}

/** Listen on `port`; with no port asked for, 8080 or else any free port. */
async function listen(server: Server, port: number | undefined): Promise<number> {
  const attempt = (wanted: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(wanted, '127.0.0.1', () => {
        server.off('error', reject)
        const address = server.address()
        resolve(typeof address === 'object' && address !== null ? address.port : wanted)
      })
    })
  if (port !== undefined) return attempt(port)
  try {
    return await attempt(defaultPort)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error
    return attempt(0)
  }
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
}

/** Serve one request from the output folder, the event stream or the reload script. */
async function serve(request: IncomingMessage, response: ServerResponse, outDir: string, clients: Set<ServerResponse>, problems: () => readonly string[]): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (url.pathname === eventsPath) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    response.write(`event: problems\ndata: ${JSON.stringify(problems())}\n\n`)
    clients.add(response)
    request.on('close', () => clients.delete(response))
    return
  }
  if (url.pathname === clientPath) {
    response.writeHead(200, { 'content-type': contentTypes['.js'] ?? '', 'cache-control': 'no-store' })
    response.end(clientScript)
    return
  }
  const root = path.resolve(outDir)
  let file: string | undefined
  try {
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '')
    file = relative === '' ? path.join(root, 'index.html') : resolveInside(root, relative)
    if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html')
    await sendFile(response, 200, file)
  } catch {
    // Missing, outside the folder or undecodable: the site's own 404 page, as a host would.
    try {
      await sendFile(response, 404, path.join(root, '404.html'))
    } catch {
      response.writeHead(404, { 'content-type': contentTypes['.txt'] ?? '' })
      response.end('Not found\n')
    }
  }
}

async function sendFile(response: ServerResponse, status: number, file: string): Promise<void> {
  const extension = path.extname(file).toLowerCase()
  let body: Buffer | string = await readFile(file)
  if (extension === '.html') {
    // The one piece of markup made here: the reload script's tag, added only when serving.
    const tag = `<script type="module" src="${clientPath}"></script>`
    const text = body.toString('utf8')
    const at = text.lastIndexOf('</body>')
    body = at === -1 ? text + tag : text.slice(0, at) + tag + text.slice(at)
  }
  response.writeHead(status, { 'content-type': contentTypes[extension] ?? 'application/octet-stream', 'cache-control': 'no-store' })
  response.end(body)
}
