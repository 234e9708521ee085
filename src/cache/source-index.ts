/**
 * The source index of one-shot rebuilds: each content file's stamp (size, modification and
 * change times, inode) and the hash of its text, as the last build read it. A rebuild takes
 * an unchanged file's hash from here instead of reading the file: its parse cache entry
 * is found by the hash, and the file is read only if it must be parsed again.
 *
 * A file counts as unchanged only when all four parts of its stamp are. Writing a file
 * sets its change time to the clock (no program can set it back, unlike the modification
 * time that `touch -d`, `cp -p` and `rsync -t` carry over), and replacing it gives a new
 * inode. Like git's index, the record leaves out files modified in the two seconds before
 * they were read: a file system with coarse times could give a later edit in that window
 * the same stamp. Anything odd in the index file is a miss, never an error.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** What a file's `lstat` says about its contents. */
export interface SourceStamp {
  readonly size: number
  readonly mtimeMs: number
  readonly ctimeMs: number
  readonly ino: number
}

/** One file as a build read it: where, its stamp, the hash of its text and when it was read. */
export interface SourceRecord {
  /** Path relative to the content folder (`VFile.data.sourcePath`). */
  readonly sourcePath: string
  readonly stamp: SourceStamp
  readonly textHash: string
  /** `Date.now()` when the file was read. */
  readonly loadedAt: number
}

/** The text hashes of files unchanged since the index was saved. */
export interface SourceIndex {
  /** The hash of the file's text when its stamp is the one recorded, else `undefined`. */
  readonly hashOf: (sourcePath: string, stamp: SourceStamp) => string | undefined
}

/** Files modified this close (in ms) before they were read are not recorded (see the module comment). */
const racyWindowMs = 2_000

type Entry = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number, textHash: string]

interface IndexFile {
  /** The content folder, resolved. */
  readonly contentDir: string
  /** The code that read the files: a new version may decode them differently. */
  readonly codeId: string
  readonly files: Readonly<Record<string, Entry>>
}

/** The hash of a decoded source text, as parse cache keys are made from it. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** One index per content folder, beside the parse cache. */
function indexFile(cacheDir: string, contentDir: string): string {
  return path.join(cacheDir, `sources-${createHash('sha1').update(path.resolve(contentDir)).digest('hex').slice(0, 12)}.json`)
}

function isEntry(value: unknown): value is Entry {
  return Array.isArray(value) && value.length === 5 && value.slice(0, 4).every((part) => typeof part === 'number') && typeof value[4] === 'string'
}

/** The index of `contentDir` saved by the same code, or an empty one. */
export function openSourceIndex(cacheDir: string, contentDir: string, codeId: string): SourceIndex {
  let saved: IndexFile | undefined
  try {
    saved = JSON.parse(readFileSync(indexFile(cacheDir, contentDir), 'utf8')) as IndexFile
  } catch {
    // No index yet, or a damaged one: every file is read.
  }
  const files = saved !== undefined && saved.contentDir === path.resolve(contentDir) && saved.codeId === codeId && typeof saved.files === 'object' && saved.files !== null ? saved.files : {}
  return {
    hashOf(sourcePath, stamp) {
      const entry: unknown = Object.hasOwn(files, sourcePath) ? files[sourcePath] : undefined
      if (!isEntry(entry)) return undefined
      const [size, mtimeMs, ctimeMs, ino, textHash] = entry
      return size === stamp.size && mtimeMs === stamp.mtimeMs && ctimeMs === stamp.ctimeMs && ino === stamp.ino ? textHash : undefined
    },
  }
}

/**
 * Save the index of `contentDir`: every file of `records` but those read too soon after an
 * edit (`racyWindowMs`, default 2 s: tests that cannot wait pass 0).
 */
export function saveSourceIndex(cacheDir: string, contentDir: string, codeId: string, records: readonly SourceRecord[], options: { readonly racyWindowMs?: number } = {}): void {
  const window = options.racyWindowMs ?? racyWindowMs
  const files: Record<string, Entry> = {}
  for (const { sourcePath, stamp, textHash, loadedAt } of records) {
    if (stamp.mtimeMs > loadedAt - window || stamp.ctimeMs > loadedAt - window) continue
    files[sourcePath] = [stamp.size, stamp.mtimeMs, stamp.ctimeMs, stamp.ino, textHash]
  }
  const target = indexFile(cacheDir, contentDir)
  const temporary = `${target}.${process.pid}.tmp`
  try {
    mkdirSync(cacheDir, { recursive: true })
    writeFileSync(temporary, JSON.stringify({ contentDir: path.resolve(contentDir), codeId, files } satisfies IndexFile))
    renameSync(temporary, target)
  } catch {
    // Without an index the next build reads every file: slower, never wrong.
  }
}
