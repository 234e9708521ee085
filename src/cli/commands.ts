/**
 * The commands besides `build` (`build-command.ts`): `dev`, `check`, `new`, `import`,
 * `parse` and `quotes`. Each sets `process.exitCode` and prints through `context.io`.
 */
import path from 'node:path'
import type { VFile } from 'vfile'
import { cacheDirOf, type CommandContext, leanHeap, packageRoot, readConfig, readVersion, reportSources, siteInputs, usage } from './context.js'
import { countMessages, formatMessages } from './format-messages.js'

/** Where `check` sends the pages it renders (rendering can fail, so it renders): nowhere. */
async function discardPages(): Promise<void> {}

/** `dateline dev`. */
export async function runDev(context: CommandContext): Promise<void> {
  const { cwd, contentDir, values, io } = context
  const inputs = await siteInputs(context)
  if (inputs === undefined) return
  const { config, templatesDir } = inputs
  const cacheDir = cacheDirOf(context)
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
  await runDevServer({ cwd, contentDir, configFile, loadConfig: () => readConfig(cwd, io), templatesDir, outDir, config, attribute: context.attribute, packageRoot, version: readVersion(), cacheDir, noCache: values['no-cache'] === true, port, timings: values.timings === true }, io)
}

/** `dateline check`. */
export async function runCheck(context: CommandContext): Promise<void> {
  const { cwd, contentDir, values, io } = context
  const configWarnings: string[] = []
  // The same parse as `build` (worker pool, per-file time limit, cache), so a
  // pathological file is reported as `parse-timeout` instead of hanging the check, and
  // URL collisions are messages on their files. Nothing is written.
  const inputs = await siteInputs(context, configWarnings)
  if (inputs === undefined) return
  const { config, templatesDir } = inputs
  const [{ build }, { openBuildSupport }] = await Promise.all([import('../build.js'), import('./build-support.js')])
  const cacheDir = cacheDirOf(context)
  const support = await openBuildSupport({ packageRoot, version: readVersion(), contentDir, cacheDir, noCache: values['no-cache'] === true })
  let result
  try {
    result = await build({ contentDir, templatesDir, cwd, config, includeDrafts: true, attribute: context.attribute, ...support, skipFolders: [...(values.out === undefined ? [] : [path.resolve(cwd, values.out)]), ...(cacheDir === undefined ? [] : [cacheDir])], cardsOnly: true, onLoaded: leanHeap, emit: discardPages })
  } finally {
    await support.pool.close()
  }
  support.rememberSources(result.sources)
  // Held-back attributions (info) are listed here, and only here.
  process.exitCode = reportSources(result.sources, io, { showInfo: true })
  for (const warning of configWarnings) io.err(warning)
}

/** `dateline new`. */
export async function runNew(context: CommandContext): Promise<void> {
  const { cwd, io } = context
  const config = await readConfig(cwd, io)
  if (!config) {
    process.exitCode = 2
    return
  }
  const { createArticle } = await import('./new.js')
  const created = await createArticle({ headline: context.rest.join(' '), section: context.values.section, contentDir: context.contentDir, now: new Date(), timeZone: config.timeZone })
  if (created.ok) io.out(path.relative(cwd, created.file))
  else {
    io.err(created.problem)
    process.exitCode = 1
  }
}

/** The one FILE `import` or `parse` takes; `undefined` (the usage printed, exit code 2) for none or more. */
function oneFileOf(context: CommandContext, command: string): string | undefined {
  const [given] = context.rest
  if (given !== undefined && context.rest.length === 1) return given
  context.io.err(`Expected exactly one FILE for \`dateline ${command}\`\n\n${usage}`)
  process.exitCode = 2
  return undefined
}

/** `dateline import`. */
export async function runImport(context: CommandContext): Promise<void> {
  const { cwd, io } = context
  const given = oneFileOf(context, 'import')
  if (given === undefined) return
  const config = await readConfig(cwd, io)
  if (!config) {
    process.exitCode = 2
    return
  }
  const [{ loadFile }, { importWireFile }] = await Promise.all([import('../content/load.js'), import('./import.js')])
  const file = await loadFile(given, { cwd })
  const imported = await importWireFile(file, context.contentDir, { section: context.values.section, now: new Date(), timeZone: config.timeZone })
  if (!imported.ok) {
    if (imported.problem === undefined) reportSources([file], io)
    else io.err(imported.problem)
    process.exitCode = 1
    return
  }
  for (const note of imported.notes) io.err(note)
  io.out(path.relative(cwd, imported.file))
}

/** `dateline parse`. */
export async function runParse(context: CommandContext): Promise<void> {
  const { cwd, io } = context
  const given = oneFileOf(context, 'parse')
  if (given === undefined) return
  const [{ loadFile }, { parseArticle }] = await Promise.all([import('../content/load.js'), import('../parse/article.js')])
  const file = await loadFile(given, { cwd })
  const article = parseArticle(file, { attribute: context.attribute })
  // No model to print: the messages (on stderr) say why, and nothing goes to stdout,
  // so a script reading it gets no `null` to mistake for an article.
  if (article !== undefined) io.out(JSON.stringify(article, null, context.values.json ? 2 : undefined))
  process.exitCode = reportSources([file], io)
}

/** `dateline quotes`. */
export async function runQuotes(context: CommandContext): Promise<void> {
  const { cwd, rest, io } = context
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
    const article = parseArticle(file, { attribute: context.attribute })
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
}
