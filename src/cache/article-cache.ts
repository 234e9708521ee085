/**
 * The parse cache: an article's model and messages, stored as JSON under a key made of
 * the file's text, its place in the content folder, the parse options and the code that
 * parsed it. An unchanged article is never parsed twice; a template or config change
 * re-renders from cached models because neither is part of the key.
 *
 * This module reads and writes only inside its own cache folder (by default
 * `.cache/dateline/` beside the content folder); a missing or damaged entry is a miss,
 * never an error, so deleting the folder is always safe.
 */
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, futimesSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs'
import { readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { contentMessage } from '../content/report.js'
import type { Article, ArticleCard } from '../model/article.js'
import type { RenderedBody } from '../model/site.js'

/** A content message as it crosses a thread or sits in the cache: only the fields Dateline sets and prints. */
export interface StoredMessage {
  readonly reason: string
  readonly ruleId: string | undefined
  readonly source: string | undefined
  /** `true` error, `false` warning, `null`/`undefined` info, as on `VFileMessage`. */
  readonly fatal: boolean | null | undefined
  readonly note: string | undefined
  readonly place: Point | Position | undefined
}

/**
 * What parsing one file produced: the article (absent when it cannot be published) and its
 * messages. `Story` says what the entry holds of the article: all of it (`Article`, the
 * default), or its card (`CardEntry`).
 */
export interface ParsedEntry<Story extends ArticleCard = Article> {
  readonly article: Story | undefined
  readonly messages: readonly StoredMessage[]
  /** `cardHash` of the article's card, made where the entry was written (in a parse thread). */
  readonly card?: string | undefined
  /** The story's body HTML, rendered in the parse thread (`prerenderBody`): its page is then made from its card. */
  readonly body?: RenderedBody | undefined
}

/** A parsed entry that holds only its article's card (`cardEntry`, `readCard`, `readCardLine`). */
export type CardEntry = ParsedEntry<ArticleCard>

/** A store of parsed entries by key. */
export interface ArticleCache {
  /**
   * The entry's text, or `undefined` when there is none (or it cannot be read). With
   * `lines`, only that many lines from the start, read without the rest: the card's (for
   * `readCardLine`, a tenth of its entry), or the card's and the search text's (for
   * `readSearchText`).
   */
  readonly get: (key: string, options?: { readonly lines?: 1 | 2 }) => Promise<string | undefined>
  /**
   * Store an entry's JSON text. Never rejects: a failure only costs speed, so it resolves
   * to `false` (and to `true` once the entry is written).
   */
  readonly set: (key: string, json: string) => Promise<boolean>
  /**
   * Delete the entries this process neither read nor wrote that nobody has used for
   * `maxAgeMs` (default: a week), so old parses do not pile up after every edit and every
   * new version. Returns how many were deleted. With `intervalMs`, does nothing when the
   * last prune of this cache folder was less than that long ago: a prune stats every entry
   * it did not use (after an upgrade, every entry of the old version, for a week).
   */
  readonly prune: (maxAgeMs?: number, intervalMs?: number) => Promise<number>
}

/** Entries unused for this long are deleted by `prune`. */
export const cacheMaxAgeMs = 7 * 24 * 60 * 60 * 1000

/** The cache folder used when `--cache-dir` is not given: `.cache/dateline/` beside the content folder. */
export function defaultCacheDir(contentDir: string): string {
  return path.join(path.dirname(path.resolve(contentDir)), '.cache', 'dateline')
}

/**
 * The cache key of one source file.
 *
 * @param textHash `hashText` of the file's text: a rebuild takes it from the source index
 *   without reading the file (src/cache/source-index.ts).
 * @param codeId Identifies the code that parses (Dateline's version and a fingerprint of
 *   its compiled files), so a new or locally edited parser never reads an old entry.
 * @param options Every parse option that changes the result (`attribute`…).
 */
export function cacheKey(textHash: string, sourcePath: string, codeId: string, options: Readonly<Record<string, unknown>>): string {
  // NUL occurs in none of the fields (load refuses it in paths' files too), so they cannot run together.
  return createHash('sha256').update(`${codeId}\0${JSON.stringify(options)}\0${sourcePath}\0${textHash}`).digest('hex')
}

/** Copy a file's messages into plain data that survives `structuredClone` and JSON. */
export function storeMessages(file: VFile): StoredMessage[] {
  return file.messages.map((message) => ({
    reason: message.reason,
    ruleId: message.ruleId,
    source: message.source,
    fatal: message.fatal,
    note: message.note,
    place: message.place,
  }))
}

/** Attach stored messages to `file` as if the parse had just reported them. */
export function restoreMessages(file: VFile, messages: readonly StoredMessage[]): void {
  for (const stored of messages) {
    const options = { ...(stored.place === undefined ? {} : { place: stored.place }), ...(stored.ruleId === undefined ? {} : { ruleId: stored.ruleId }), ...(stored.source === undefined ? {} : { source: stored.source }) }
    const message = contentMessage(file, stored.reason, options)
    message.fatal = stored.fatal
    if (stored.note !== undefined) message.note = stored.note
  }
}

/**
 * The card of a parsed entry: the article without its body after the first paragraph
 * (what the site stage and every listing read) and without how its attributions were
 * printed (its words, rule and place: shown only on the story's own page and by
 * `dateline parse`, and a quarter of what the quotes of a 10,000-story site held
 * between parse and render). A card's card is the same card.
 */
export function cardEntry(entry: ParsedEntry<ArticleCard>): CardEntry {
  const { article } = entry
  if (article === undefined) return entry
  const first = article.body.find((block) => block.type === 'paragraph')
  const quotes = article.quotes.map((quote) => {
    if (quote.attribution === undefined) return quote
    const { attribution: _shownInFull, ...rest } = quote
    return rest
  })
  return { ...entry, article: { ...article, body: first ? [first] : [], quotes } }
}

/**
 * A fingerprint of a card's JSON text (`JSON.stringify(cardEntry(entry).article)`): a story
 * and its card give the same one, and a rebuild compares each story's with the last build's.
 */
export function cardHash(cardJson: string): string {
  return createHash('sha1').update(cardJson).digest('hex').slice(0, 20)
}

/**
 * An entry from its JSON text, holding what that text holds of the article (`Story`: all
 * of it from an entry's last line, its card from the first): the cache is read as written
 * by `writeEntry`, checked only for its shape.
 */
function parseEntry<Story extends ArticleCard>(json: string): ParsedEntry<Story> | undefined {
  let data: { article?: Story | null; messages?: StoredMessage[]; card?: unknown; body?: unknown }
  try {
    data = JSON.parse(json) as typeof data
  } catch {
    // A half-written or damaged cache entry: the caller parses the article again.
    return undefined
  }
  if (data === null || typeof data !== 'object' || !Array.isArray(data.messages)) return undefined
  const body = isRenderedBody(data.body) ? data.body : undefined
  return { article: data.article ?? undefined, messages: data.messages, card: typeof data.card === 'string' ? data.card : undefined, ...(body === undefined ? {} : { body }) }
}

function isRenderedBody(value: unknown): value is RenderedBody {
  if (value === null || typeof value !== 'object') return false
  const body = value as Record<string, unknown>
  return (
    typeof body['threshold'] === 'number' &&
    typeof body['before'] === 'string' &&
    typeof body['after'] === 'string' &&
    (body['pullQuoteId'] === undefined || typeof body['pullQuoteId'] === 'string') &&
    Array.isArray(body['anchored']) &&
    body['anchored'].every((id) => typeof id === 'string')
  )
}

/**
 * An entry's text holds three JSON texts, one per line (JSON text never holds a raw line
 * break): the entry's card (`cardEntry`) with the story's prerendered body HTML, the
 * story's searchable text (a JSON string, or `null`), then the whole entry. A build that needs only cards (a rebuild that keeps most
 * pages, or an archive too large to hold whole) parses the short first line and never the
 * rest, which was most of a rebuild's parse stage; its search index reads the first two.
 */
const separator = '\n'

/** Parse the whole entry of an entry's text (as stored, or as a worker returned it), with the body HTML on its card's line; `undefined` for damaged text. */
export function readEntry(text: string): ParsedEntry | undefined {
  const first = text.indexOf(separator)
  const second = first === -1 ? -1 : text.indexOf(separator, first + 1)
  const entry = second === -1 ? undefined : parseEntry<Article>(text.slice(second + 1))
  // The body is the card line's last member (`writeEntry`): only it is parsed, not the card again.
  const at = entry?.article === undefined ? -1 : text.lastIndexOf(`${bodyMember}{`, first)
  if (entry === undefined || at === -1) return entry
  let body: unknown
  try {
    body = JSON.parse(text.slice(at + bodyMember.length, first - 1))
  } catch {
    return entry
  }
  return isRenderedBody(body) ? { ...entry, body } : entry
}

/**
 * How the card's line begins its last member, the body HTML: found as `,"body":{`, since the
 * card's own `body` is an array and a string holds no unescaped `"`.
 */
const bodyMember = ',"body":'

/**
 * The searchable text on an entry's second line (from the whole text, or its first two lines
 * as `ArticleCache.get` reads them); `undefined` for damaged text or an entry without a story.
 */
export function readSearchText(text: string): string | undefined {
  const first = text.indexOf(separator)
  if (first === -1) return undefined
  const second = text.indexOf(separator, first + 1)
  try {
    const value: unknown = JSON.parse(text.slice(first + 1, second === -1 ? undefined : second))
    return typeof value === 'string' ? value : undefined
  } catch {
    // Cut short or damaged: the caller reads the story in full instead.
    return undefined
  }
}

/** Parse only the card of an entry's text; `undefined` for damaged text. */
export function readCard(text: string): CardEntry | undefined {
  const split = text.indexOf(separator)
  // A card is never read alone from text cut short in its whole entry.
  return split === -1 || !text.endsWith('}') ? undefined : parseEntry<ArticleCard>(text.slice(0, split))
}

/** Parse a card's line alone (`ArticleCache.get` with `lines: 1`); `undefined` for damaged text. */
export function readCardLine(text: string): CardEntry | undefined {
  return text.includes(separator) ? undefined : parseEntry<ArticleCard>(text)
}

/**
 * Serialise an entry (its card, its search text, then all of it); the same text is stored
 * and parsed, so a cached build equals a fresh one. Both documents carry the card's
 * `cardHash`, made here from the card's text, so the main thread never serialises a card
 * again to fingerprint it.
 *
 * @param searchText the story's searchable text (`searchText` in src/search/records.ts)
 */
export function writeEntry(entry: ParsedEntry, searchText?: string): string {
  const messages = JSON.stringify(entry.messages)
  if (entry.article === undefined) {
    const text = `{"article":null,"messages":${messages}}`
    return `${text}${separator}null${separator}${text}`
  }
  const card = JSON.stringify(cardEntry(entry).article)
  const tail = `,"messages":${messages},"card":"${cardHash(card)}"`
  const body = entry.body === undefined ? '' : `${bodyMember}${JSON.stringify(entry.body)}`
  return `{"article":${card}${tail}${body}}${separator}${JSON.stringify(searchText ?? null)}${separator}{"article":${JSON.stringify(entry.article)}${tail}}`
}

/** A cache in `dir`, one JSON file per entry (`<key>.json`), spread over 256 sub-folders. */
export function openArticleCache(dir: string): ArticleCache {
  const made = new Set<string>()
  const used = new Set<string>()
  const fileOf = (key: string): string => path.join(dir, key.slice(0, 2), `${key}.json`)
  return {
    // Reads and writes are synchronous: the parse stage waits for them either way, and a
    // call on this thread costs a third of the CPU of one through the thread pool (see `inTurn`).
    async get(key, options) {
      try {
        const json = readEntryFile(fileOf(key), options?.lines)
        if (json !== undefined) used.add(key)
        return json
      } catch {
        // A missing or unreadable entry is a miss: the article is parsed again.
        return undefined
      }
    },
    async prune(maxAgeMs = cacheMaxAgeMs, intervalMs = 0) {
      const marker = path.join(dir, 'pruned')
      try {
        if (intervalMs > 0 && statSync(marker).mtimeMs > Date.now() - intervalMs) return 0
      } catch {
        // Never pruned here.
      }
      try {
        writeFileSync(marker, 'When this file was last written, unused entries older than a week were deleted.\n')
      } catch {
        // A read-only cache: nothing to prune either.
        return 0
      }
      const before = Date.now() - maxAgeMs
      let deleted = 0
      let folders: string[]
      try {
        folders = (await readdir(dir)).filter((name) => /^[0-9a-f]{2}$/.test(name))
      } catch {
        return 0
      }
      for (const folder of folders) {
        let names: string[]
        try {
          names = await readdir(path.join(dir, folder))
        } catch {
          continue
        }
        for (const name of names) {
          const key = name.replace(/\.json$/, '')
          if (used.has(key) || !/^[0-9a-f]{64}\.json$/.test(name)) continue
          const file = path.join(dir, folder, name)
          try {
            if ((await stat(file)).mtimeMs < before) {
              await rm(file, { force: true })
              deleted++
            }
          } catch {
            // Gone already, or not ours to touch: either way nothing to do.
          }
        }
      }
      return deleted
    },
    async set(key, json) {
      used.add(key)
      const target = fileOf(key)
      const folder = path.dirname(target)
      try {
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true })
          made.add(folder)
        }
        // Written in place: a reader that meets half an entry (a build stopped mid-write)
        // fails to parse it and treats it as a miss, so no rename is needed.
        writeFileSync(target, json)
        return true
      } catch {
        // A read-only or full disk only costs speed; the build itself goes on.
        return false
      }
    },
  }
}

/** Bytes read at a time for an entry's first lines: most cards and search texts fit in one read. */
const chunk = Buffer.allocUnsafe(16 * 1024)

/**
 * A hit marks its entry as used by setting its modification time, which is what `prune`
 * goes by; at most once a day, so a rebuild does not write thousands of times (an entry
 * unused for a week may then live a day longer).
 */
const touchAfterMs = 24 * 60 * 60 * 1000

/** An entry file's text, or its first `lines` lines; marks it used. */
function readEntryFile(file: string, lines: number | undefined): string | undefined {
  const fd = openSync(file, 'r')
  try {
    const { size, mtimeMs } = fstatSync(fd)
    const text = lines === undefined ? readFileSync(fd, 'utf8') : readFirstLines(fd, size, lines)
    const now = Date.now()
    if (text !== undefined && mtimeMs < now - touchAfterMs) {
      try {
        futimesSync(fd, now / 1000, now / 1000)
      } catch {
        // A read-only cache still serves; its entries only age.
      }
    }
    return text
  } finally {
    closeSync(fd)
  }
}

/**
 * The first `lines` lines of an entry file of `size` bytes, decoded, without the line break
 * after them; `undefined` when the file does not end as a complete entry does (`}`), like
 * `readCard` on text cut short, or has fewer lines. A `\n` byte never occurs inside a UTF-8
 * sequence, so the bytes are decoded once the lines are found.
 */
function readFirstLines(fd: number, size: number, lines: number): string | undefined {
  if (size === 0 || readSync(fd, chunk, 0, 1, size - 1) !== 1 || chunk[0] !== 0x7d) return undefined
  const parts: Buffer[] = []
  let found = 0
  for (let at = 0; at < size; ) {
    const read = readSync(fd, chunk, 0, chunk.length, at)
    if (read === 0) break
    for (let from = 0; ; ) {
      const end = chunk.indexOf(0x0a, from)
      if (end === -1 || end >= read) break
      if (++found === lines) {
        if (parts.length === 0) return chunk.toString('utf8', 0, end)
        parts.push(Buffer.from(chunk.subarray(0, end)))
        return Buffer.concat(parts).toString('utf8')
      }
      from = end + 1
    }
    parts.push(Buffer.from(chunk.subarray(0, read)))
    at += read
  }
  return undefined
}
