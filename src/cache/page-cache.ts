/**
 * The page cache of one-shot rebuilds: the last output folder is the cache. After a
 * build is written, a manifest beside the parse cache records each page's input
 * fingerprint; the next build takes a page whose inputs match from the output folder
 * instead of rendering it again. So editing one article re-renders one page, not the site.
 *
 * A manifest names the output folder it describes and records each file's size and a hash
 * of its bytes, and a page is reused only when the file on disk still has those bytes and
 * the folder still has its Dateline marker; anything odd is a miss, never an error. The
 * bytes are compared, not the size or the file's times: a page edited in the output folder
 * (by hand, or by a tool that keeps the size) is rendered again, never carried into the
 * next build.
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { KeptFile, OutputFile, PageBytes } from '../model/site.js'
import { markerBuildId, outputMarker, resolveInside } from '../write/write-site.js'

/** Earlier pages by output path: the fingerprint of their inputs, and their bytes on demand. */
export interface PageStore {
  readonly inputs: (outputPath: string) => string | undefined
  readonly contents: (outputPath: string) => Promise<OutputFile['contents'] | undefined>
  /**
   * The page as a file on disk to be linked into the next output, without reading it
   * (stores backed by an output folder; `undefined` when the file is gone or changed).
   */
  readonly kept?: (outputPath: string) => Promise<KeptFile | undefined>
  /** The page's contents at once, for a store held in memory (`dateline dev`'s). */
  readonly held?: (outputPath: string) => OutputFile['contents'] | undefined
  /** What the pages were made with (`BuildResult.pagesMadeBy`), when the store knows. */
  readonly madeBy?: string | undefined
}

/** A page as a manifest records it: [input fingerprint, byte length, whether the contents were text, hash of the bytes]. */
type PageEntry = readonly [string, number, boolean, string]

interface Manifest {
  readonly outDir: string
  /** Output path → the page's entry. */
  readonly pages: Readonly<Record<string, PageEntry>>
  /** `BuildResult.pagesMadeBy` of the build that wrote them. */
  readonly madeBy?: string
  /** `PageRecord.id` of the pages, as the output folder's marker carries it. */
  readonly buildId?: string
}

/** What a page store says about the build that wrote its pages. */
export interface PagesAbout {
  readonly madeBy?: string | undefined
}

/** The length and hash of a page's contents, as the page store records them. */
export function pageBytes(contents: OutputFile['contents']): PageBytes {
  return { size: typeof contents === 'string' ? Buffer.byteLength(contents) : contents.byteLength, hash: createHash('sha1').update(contents).digest('hex') }
}

/** Whether `bytes` are the ones `record` describes (a record of an older format never is). */
function sameBytes(bytes: Uint8Array, record: PageEntry): boolean {
  return bytes.byteLength === record[1] && typeof record[3] === 'string' && createHash('sha1').update(bytes).digest('hex') === record[3]
}

/** One manifest per output folder, so builds into two folders do not undo each other. */
function manifestName(outDir: string): string {
  return `pages-${createHash('sha1').update(path.resolve(outDir)).digest('hex').slice(0, 12)}.json`
}

/** The pages of the last build written to `outDir`, or `undefined` when there is no usable record. */
export async function openPageStore(cacheDir: string, outDir: string): Promise<PageStore | undefined> {
  let manifest: Manifest
  let marker: string
  try {
    manifest = JSON.parse(await readFile(path.join(cacheDir, manifestName(outDir)), 'utf8')) as Manifest
    marker = await readFile(path.join(outDir, outputMarker), 'utf8')
  } catch {
    // No manifest or no output yet: every page is rendered.
    return undefined
  }
  const root = path.resolve(outDir)
  if (manifest.outDir !== root) return undefined
  // Another build wrote the folder since (one with `--no-cache`, or `dev`): the record
  // describes pages that are gone, whatever their sizes say.
  if (markerBuildId(marker) !== manifest.buildId) return undefined
  return {
    madeBy: typeof manifest.madeBy === 'string' ? manifest.madeBy : undefined,
    inputs: (outputPath) => manifest.pages[outputPath]?.[0],
    async contents(outputPath) {
      const record = manifest.pages[outputPath]
      if (record === undefined) return undefined
      try {
        const bytes = await readFile(resolveInside(root, outputPath))
        if (!sameBytes(bytes, record)) return undefined
        return record[2] ? bytes.toString('utf8') : new Uint8Array(bytes)
      } catch {
        return undefined
      }
    },
    async kept(outputPath) {
      const record = manifest.pages[outputPath]
      if (record === undefined) return undefined
      try {
        const from = resolveInside(root, outputPath)
        // On this thread: one call per kept page, thousands per rebuild (see `inTurn`). The
        // size first, which turns most edits away without reading the file.
        const found = statSync(from)
        if (!found.isFile() || found.size !== record[1] || !sameBytes(readFileSync(from), record)) return undefined
        return { path: outputPath, from, size: record[1], hash: record[3] }
      } catch {
        return undefined
      }
    },
  }
}

type PageRecords = Record<string, PageEntry>

/** Each page written (or emitted) or kept: its input fingerprint, byte length, whether it is text, and the hash of its bytes. */
function pageRecords(files: readonly OutputFile[], inputs: ReadonlyMap<string, string>, kept: readonly KeptFile[], emitted: ReadonlyMap<string, PageBytes>): PageRecords {
  const pages: PageRecords = {}
  for (const file of files) {
    const fingerprint = inputs.get(file.path)
    if (fingerprint === undefined) continue
    const { size, hash } = pageBytes(file.contents)
    pages[file.path] = [fingerprint, size, typeof file.contents === 'string', hash]
  }
  // Only pages are kept or emitted, and pages are text.
  for (const file of kept) {
    const fingerprint = inputs.get(file.path)
    if (fingerprint !== undefined) pages[file.path] = [fingerprint, file.size, true, file.hash]
  }
  for (const [filePath, bytes] of emitted) {
    const fingerprint = inputs.get(filePath)
    if (fingerprint !== undefined) pages[filePath] = [fingerprint, bytes.size, true, bytes.hash]
  }
  return pages
}

function recordsId(pages: PageRecords): string {
  const hash = createHash('sha1')
  for (const outputPath of Object.keys(pages).sort()) hash.update(`${outputPath}\0${JSON.stringify(pages[outputPath])}\n`)
  return hash.digest('hex').slice(0, 20)
}

/** What a build wrote into an output folder, page by page, with an id for it (`pageRecord`). */
export interface PageRecord {
  readonly pages: PageRecords
  /**
   * A hash of each page's path, inputs and bytes, for the output folder's marker. Two builds
   * that wrote the same pages get the same id, so the output stays byte-for-byte
   * reproducible; a build that wrote other pages into the folder (with `--no-cache`, so it
   * left the stored record as it was) gets another, and the record is then known not to
   * describe the folder.
   */
  readonly id: string
}

/** The record of the files a build wrote (or emitted) and the files it kept from the output before. */
export function pageRecord(files: readonly OutputFile[], inputs: ReadonlyMap<string, string>, kept: readonly KeptFile[] = [], emitted: ReadonlyMap<string, PageBytes> = new Map()): PageRecord {
  const pages = pageRecords(files, inputs, kept, emitted)
  return { pages, id: recordsId(pages) }
}

/** Keep `record`, what was just written to `outDir`, for the next build. */
export async function savePageStore(cacheDir: string, outDir: string, record: PageRecord, about: PagesAbout = {}): Promise<void> {
  const manifest: Manifest = { outDir: path.resolve(outDir), pages: record.pages, buildId: record.id, ...(about.madeBy === undefined ? {} : { madeBy: about.madeBy }) }
  try {
    await mkdir(cacheDir, { recursive: true })
    const temporary = path.join(cacheDir, `${manifestName(outDir)}.${process.pid}.tmp`)
    await writeFile(temporary, JSON.stringify(manifest))
    await rename(temporary, path.join(cacheDir, manifestName(outDir)))
  } catch {
    // Without a manifest the next build renders every page: slower, never wrong.
  }
}

/**
 * Drop the record of `outDir` before it is replaced: a build stopped after the swap but
 * before `savePageStore` must not leave a record that describes the older output.
 */
export async function forgetPageStore(cacheDir: string, outDir: string): Promise<void> {
  await rm(path.join(cacheDir, manifestName(outDir)), { force: true })
}
