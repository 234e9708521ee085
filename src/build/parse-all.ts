/**
 * The parse stage: each file's parsed entry from the last build, the parse cache, or the
 * parser (in the worker pool's lanes when there is one).
 */
import pMap from 'p-map'
import { VFile } from 'vfile'
import { cacheKey, type CardEntry, type ParsedEntry, readCard, readCardLine, readEntry, restoreMessages, storeMessages } from '../cache/article-cache.js'
import { hashText } from '../cache/source-index.js'
import { readUnread } from '../content/load.js'
import { report } from '../content/report.js'
import { filesAtOnce } from '../files-at-once.js'
import { entryText } from '../pool/entry-text.js'
import { defaultParseTimeoutMs, type ParsePool } from '../pool/parse-pool.js'
import { articleKeys, cards } from './fingerprints.js'
import type { BuildOptions, ParseCounts } from './types.js'

/**
 * The parser, loaded when this thread parses (no worker pool, or a story read again after
 * its cache entry vanished): with a pool, the main thread never does, and loading the
 * parser's modules (micromark, YAML, the quote engine) cost each build ~0.1 s at start.
 */
let parserModule: Promise<typeof import('../parse/article.js')> | undefined
export const parser = (): Promise<typeof import('../parse/article.js')> => (parserModule ??= import('../parse/article.js'))

/**
 * One parsed file as the builder remembers it: its parse whole, or only its card (`isCard`,
 * in a build that holds cards, `BuildOptions.cardsOnly`).
 */
export type Parsed =
  | { readonly key: string; readonly entry: ParsedEntry; readonly isCard?: undefined }
  | { readonly key: string; readonly entry: CardEntry; readonly isCard: true }
/** What the parse stage is given besides the files. */
type ParseOptions = BuildOptions & {
  readonly attribute: boolean
  readonly cardsOnly: boolean
  readonly texts: Map<string, string>
  /** The publication threshold each story's body is prerendered for. */
  readonly threshold: number
  /**
   * Keep each story's prerendered body with its card (default); without, a build that holds
   * cards lets go of them once parsed and reads each back for its page (`bodyReader`).
   */
  readonly holdBodies?: boolean | undefined
  /** How many messages the builder added to a reused file after its parse's and keeps there (default: none). */
  readonly notesKept?: ((file: VFile) => number) | undefined
}

/** A file to parse, with its parse cache key. */
interface Todo {
  readonly file: VFile
  readonly key: string
}

/** Holds a file's parse (`settler`), whole or its card. */
type Settle = (file: VFile, parsed: Parsed) => CardEntry

/** Takes a fresh parse's entry text, and counts files done for the progress display (`finisher`). */
interface Finishing {
  readonly finish: (file: VFile, key: string, json: string) => void
  readonly progress: () => void
  /** The cache writes begun, to wait for before the stage ends. */
  readonly writes: Promise<void>[]
}

/**
 * The parse stage: give every file its parsed entry, from the last build when the file
 * object is the same, else from the cache when its key is known, else by parsing it (in
 * the pool when there is one, at most `pool.concurrency` files in flight).
 */
export async function parseAll(sources: readonly VFile[], parsedByFile: WeakMap<VFile, Parsed>, options: ParseOptions): Promise<ParseCounts> {
  let reused = 0
  const unknown: VFile[] = []
  for (const file of sources) {
    const known = parsedByFile.get(file)
    if (known) {
      // The same VFile as last time: drop what the site stage added after parse's messages
      // (a URL collision), keep what parse said and the notes the builder keeps with it
      // (`notesKept`: the held-back attributions, reported again only if these go).
      if (file.messages.length !== known.entry.messages.length + (options.notesKept?.(file) ?? 0)) {
        file.messages.length = 0
        restoreMessages(file, known.entry.messages)
      }
      reused++
    } else {
      unknown.push(file)
    }
  }
  const settle = settler(parsedByFile, options.cardsOnly, options.holdBodies !== false)
  const looked = await lookUp(unknown, parsedByFile, options, settle)
  reused += looked.reused
  const { todo } = looked
  const finishing = finisher(settle, options, todo.length)
  const pool = options.pool
  if (pool === undefined) await parseHere(todo, options, finishing.finish)
  else await parseInPool(todo, pool, parsedByFile, options, finishing)
  await Promise.all(finishing.writes)
  return { parsed: todo.length, reused }
}

/** Hold a file's parse; with `cardsOnly`, not its source text, and without `holdBodies`, not its prerendered body. */
function settler(parsedByFile: WeakMap<VFile, Parsed>, cardsOnly: boolean, holdBodies: boolean): Settle {
  return (file, held) => {
    const parsed: Parsed = !holdBodies && held.isCard === true && held.entry.body !== undefined ? { key: held.key, entry: { ...held.entry, body: undefined }, isCard: true } : held
    const { key, entry } = parsed
    if (cardsOnly) letGoOfText(file)
    restoreMessages(file, entry.messages)
    parsedByFile.set(file, parsed)
    if (entry.article) {
      articleKeys.set(entry.article, key)
      // Hashed where the entry was written: a rebuild of 4,000 stories spent ~0.15 s here.
      if (entry.card !== undefined) cards.set(entry.article, entry.card)
    }
    return entry
  }
}

/**
 * Takes each file's parse from the cache when its key is there (only the card's line when
 * holding cards), and returns the files left to parse.
 */
async function lookUp(unknown: readonly VFile[], parsedByFile: WeakMap<VFile, Parsed>, options: ParseOptions, settle: Settle): Promise<{ todo: Todo[]; reused: number }> {
  const codeId = options.codeId ?? 'dev'
  const keyOptions = { attribute: options.attribute }
  const todo: Todo[] = []
  let reused = 0
  await pMap(
    unknown,
    async (file) => {
      if (file.data.unreadable) {
        parsedByFile.set(file, { key: '', entry: { article: undefined, messages: storeMessages(file) } })
        return
      }
      const keyOf = (): string => cacheKey(file.data.textHash ?? hashText(String(file.value)), file.data.sourcePath ?? file.path, codeId, keyOptions)
      let key = keyOf()
      const json = await options.cache?.get(key, options.cardsOnly ? { lines: 1 } : {})
      const read = json === undefined ? undefined : readHeld(key, json, options.cardsOnly ? readCardLine : undefined)
      if (read === undefined) {
        // Left unread by load, as unchanged since the last build: it must be parsed after all
        // (an upgrade, or its entry was pruned), so it is read now, and may have changed since.
        if (file.data.unread === true) {
          readUnread(file, options)
          if (file.data.unreadable) {
            parsedByFile.set(file, { key: '', entry: { article: undefined, messages: storeMessages(file) } })
            return
          }
          key = keyOf()
        }
        todo.push({ file, key })
        return
      }
      settle(file, read)
      reused++
    },
    { concurrency: filesAtOnce },
  )
  return { todo, reused }
}

/** Takes fresh parses: holds each, writes it to the cache, and counts it done. */
function finisher(settle: Settle, options: ParseOptions, total: number): Finishing {
  /**
   * Read a fresh parse's entry text (a worker's answer): with `cardsOnly`, its card only
   * (the story is read again where it is shown in full). A cache hit is read from disk
   * the same way, only its card's line when holding cards (`readCardLine` in `lookUp`).
   */
  const readCardOf = options.cardsOnly ? readCard : undefined
  let done = 0
  // Cache writes go on in the background: a lane that waited for the disk before handing
  // its thread the next file left the thread idle for every write.
  const writes: Promise<void>[] = []
  const progress = (): void => options.onProgress?.(++done, total)
  const finish = (file: VFile, key: string, json: string): void => {
    const read = readHeld(key, json, readCardOf)
    // Our own writeEntry text always parses; this only narrows the type.
    if (read === undefined) throw new Error(`Cannot read the parse result of \`${file.path}\``)
    const entry = settle(file, read)
    const { cache, texts } = options
    if (cache) {
      // Held here only if the cache cannot take it: the story is read back when it is shown.
      writes.push(
        cache.set(key, json).then((stored) => {
          if (options.cardsOnly && !stored && entry.article) texts.set(key, json)
        }),
      )
    } else if (options.cardsOnly && entry.article) {
      texts.set(key, json)
    }
    progress()
  }
  return { finish, progress, writes }
}

/** An entry's text as the build holds it: only its card with `readCardOf` (`readCard`, `readCardLine`), else whole. */
function readHeld(key: string, json: string, readCardOf: ((text: string) => CardEntry | undefined) | undefined): Parsed | undefined {
  if (readCardOf !== undefined) {
    const entry = readCardOf(json)
    return entry === undefined ? undefined : { key, entry, isCard: true }
  }
  const entry = readEntry(json)
  return entry === undefined ? undefined : { key, entry }
}

/** Parses on this thread, one file after another, without a time limit (no worker pool). */
async function parseHere(todo: readonly Todo[], options: ParseOptions, finish: Finishing['finish']): Promise<void> {
  for (const { file, key } of todo) {
    const scratch = new VFile({ path: file.path, cwd: file.cwd, value: file.value })
    scratch.data.sourcePath = file.data.sourcePath ?? file.path
    const article = (await parser()).parseArticle(scratch, { attribute: options.attribute })
    finish(file, key, entryText(article, scratch, options.threshold))
  }
}

/** Parses in the pool's threads, one lane per thread; a file over the time limit is reported and skipped. */
async function parseInPool(todo: readonly Todo[], pool: ParsePool, parsedByFile: WeakMap<VFile, Parsed>, options: ParseOptions, finishing: Finishing): Promise<void> {
  const timeoutMs = options.parseTimeoutMs ?? defaultParseTimeoutMs
  // An edit or two after a cached build needs one thread, not one per core.
  if (todo.length > 0) pool.warm(todo.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < todo.length) {
      const item = todo[next++] as Todo
      const { file, key } = item
      const outcome = await pool.parse({ path: file.path, cwd: file.cwd, sourcePath: file.data.sourcePath ?? file.path, text: String(file.value), attribute: options.attribute, threshold: options.threshold }, timeoutMs)
      if (outcome.ok) {
        finishing.finish(file, key, outcome.json)
      } else {
        // Not cached: a later build with a different limit, or a fixed parser, tries again.
        const where = outcome.stage === undefined ? '' : ` (stopped in its ${outcome.stage} stage)`
        report(file, 'parse-timeout', `Unexpected parse time over ${timeoutMs / 1000} s${where} for a file within the input bounds, expected about a second: the machine is overloaded, or this is a parser bug; the file was skipped`, { line: 1, column: 1 })
        parsedByFile.set(file, { key, entry: { article: undefined, messages: storeMessages(file) } })
        finishing.progress()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(pool.concurrency, todo.length) }, lane))
}

/** Drop a parsed file's source text (cards-only builds): messages keep their places without it. */
function letGoOfText(file: VFile): void {
  file.value = ''
}
