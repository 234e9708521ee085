/**
 * The load stage: the only code that reads the content and templates folders. It turns
 * files into VFiles (strict UTF-8, BOM stripped, CRLF normalised: `decode.ts`) and never
 * follows links.
 */
import { closeSync, constants, type Dirent, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs'
import { lstat, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { hashText, type SourceIndex, type SourceStamp } from '../cache/source-index.js'
import { inTurn } from '../files-at-once.js'
import type { RuleId } from '../model/messages.js'
import type { OutputFile, TemplateSet } from '../model/site.js'
import { decodeSource, decodeText } from './decode.js'
import { imageExtension, imageExtensions, maxImageSize } from './image-types.js'
import { outputMarker } from '../write/write-site.js'
import { report } from './report.js'

declare module 'vfile' {
  interface DataMap {
    /** Path relative to the content folder, with `/` separators: `world/budget.md`. */
    sourcePath: string
    /** Set when the file could not be decoded: it has no text to parse. */
    unreadable: boolean
    /** `hashText` of the file's text (parse cache keys are made from it). */
    textHash: string
    /** The file's stamp when it was loaded, and `Date.now()` then (for the source index). */
    stamp: SourceStamp
    loadedAt: number
    /**
     * Set when the source index said the file is unchanged, so it was not read: `textHash`
     * is the index's, and `readUnread` reads the text when the file must be parsed.
     */
    unread: boolean
  }
}

/**
 * Default cap on one article's size in bytes: a long feature is ~50 KB. It is one of the
 * input bounds that make parsing take the same course on any machine (`src/parse/bounds.ts`):
 * 1 MiB of dense Markdown markup took up to 7 s of CPU to parse, 256 KiB takes under 2.
 */
export const defaultMaxFileSize = 256 * 1024

/** Where a message about the whole file points, so every message has a line and column. */
const wholeFile = { line: 1, column: 1 }

/** File extensions that are articles. */
const articleExtensions = new Set(['.md', '.txt'])

export interface LoadOptions {
  /** Largest file accepted, in bytes (default: `defaultMaxFileSize`). */
  readonly maxFileSize?: number
  /** Folder that message paths are relative to (default: `process.cwd()` of the caller, passed in). */
  readonly cwd: string
  /** Files unchanged since an earlier build, which are then not read (default: none, every file is read). */
  readonly known?: SourceIndex | undefined
  /**
   * Folders inside the content folder that are not content, by absolute path: the output
   * folder and the cache, when they are put there (default: none). A folder holding
   * Dateline's output marker is skipped as well, whichever command wrote it.
   */
  readonly skip?: readonly string[] | undefined
  /** Lists a folder (default: `fs.readdir` with file types); tests pass one that fails. */
  readonly readFolder?: ((dir: string) => Promise<Dirent[]>) | undefined
}

/** What the walk found: a file to load, a link not to follow, or a folder it could not read. */
interface Found {
  readonly absolute: string
  /** Path relative to the content folder, with `/` separators. */
  readonly relative: string
  readonly isLink: boolean
  /** Why the folder at this path could not be listed. */
  readonly unreadable?: unknown
}

const readFolder = (dir: string): Promise<Dirent[]> => readdir(dir, { withFileTypes: true })

/**
 * Read every article under `contentDir` (`**\/*.md`, `**\/*.txt`; dot-files,
 * `node_modules`, the folders in `options.skip` and Dateline output folders skipped) into
 * VFiles, sorted by path so builds are deterministic. Files that cannot be used carry an
 * error message and `data.unreadable`, and so does a VFile for each folder that could not
 * be read, at the folder's path: the rest of the content is loaded. Throws only when the
 * content folder itself cannot be read.
 */
export async function loadSources(contentDir: string, options: LoadOptions): Promise<VFile[]> {
  const maxFileSize = options.maxFileSize ?? defaultMaxFileSize
  const found: Found[] = []
  const skip = new Set((options.skip ?? []).map((folder) => path.resolve(folder)))
  await walk(contentDir, '', found, { skip, readFolder: options.readFolder ?? readFolder, extensions: articleExtensions })
  found.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
  const loadedAt = Date.now()
  return inTurn(found, (entry) => loadOne(entry, options.cwd, maxFileSize, options.known, loadedAt))
}

/**
 * Find the files under `root` whose extension is in `options.extensions` (lower-cased), the
 * links among them marked; and a link with no extension (most likely a linked folder) and
 * each subfolder that cannot be listed, so the caller can say so. Dot-files, `node_modules`,
 * the folders in `options.skip` and Dateline output folders are passed over.
 */
async function walk(
  root: string,
  relative: string,
  found: Found[],
  options: { readonly skip: ReadonlySet<string>; readonly readFolder: (dir: string) => Promise<Dirent[]>; readonly extensions: ReadonlySet<string> },
): Promise<void> {
  const dir = path.join(root, relative)
  let entries: Dirent[]
  try {
    entries = await options.readFolder(dir)
  } catch (error) {
    // The content folder itself: nothing can be built, and the caller says so.
    if (relative === '') throw error
    // A folder inside it (no permission, an I/O error): said at its path, and the rest is built.
    found.push({ absolute: dir, relative, isLink: false, unreadable: error })
    return
  }
  // An output folder inside the content folder (`--out content/dist`) holds pages, feeds and
  // `robots.txt`, never articles; read as content, it would publish them as stories.
  if (relative !== '' && entries.some((entry) => entry.name === outputMarker)) return
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`
    if (entry.isDirectory()) {
      if (!options.skip.has(path.resolve(root, childRelative))) await walk(root, childRelative, found, options)
    } else if (entry.isSymbolicLink() && path.extname(entry.name) === '') {
      // Most likely a linked folder: not followed, but said, so its articles are not
      // missing without a word.
      found.push({ absolute: path.join(root, childRelative), relative: childRelative, isLink: true })
    } else if (options.extensions.has(path.extname(entry.name).toLowerCase())) {
      if (entry.isFile() || entry.isSymbolicLink()) {
        found.push({ absolute: path.join(root, childRelative), relative: childRelative, isLink: entry.isSymbolicLink() })
      }
    }
  }
}

function loadOne(entry: Found, cwd: string, maxFileSize: number, known: SourceIndex | undefined, loadedAt: number): VFile {
  const file = new VFile({ path: path.relative(cwd, entry.absolute) || entry.absolute, cwd, value: '' })
  file.data.sourcePath = entry.relative
  if (entry.unreadable !== undefined) {
    const { unreadable } = entry
    unusable(file, 'folder-unreadable', `Cannot read folder: ${unreadable instanceof Error ? unreadable.message : String(unreadable)}: none of its articles were built`, unreadable)
    return file
  }
  if (entry.isLink) {
    unusable(file, 'file-symlink', 'Unexpected symbolic link, expected a regular file: links are not followed')
    return file
  }
  file.data.loadedAt = loadedAt
  readInto(file, entry.absolute, maxFileSize, (stamp) => {
    const textHash = known?.hashOf(entry.relative, stamp)
    if (textHash === undefined) return false
    file.data.textHash = textHash
    file.data.unread = true
    return true
  })
  return file
}

/** Report why `file` cannot be used, and mark it unreadable. */
function unusable(file: VFile, ruleId: RuleId, reason: string, cause?: unknown, hint?: string): void {
  const message = report(file, ruleId, reason, wholeFile, hint)
  if (cause !== undefined) message.cause = cause
  file.data.unreadable = true
}

/** Why a file could not be read, in an editor's words, with what to do: by the system's error code. */
function readFailure(error: unknown): { readonly reason: string; readonly hint: string | undefined } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { reason: 'Cannot read the file: there is no file at this path', hint: 'Check the path for typos: it is relative to the folder `dateline` runs in. A file deleted during the build is left out until the next one.' }
    case 'EACCES':
    case 'EPERM':
      return { reason: 'Cannot read the file: permission denied', hint: 'Give the user who runs `dateline` read access to it (`chmod a+r FILE`), and to its folder.' }
    case 'EISDIR':
      return { reason: 'Cannot read the file: it is a folder', hint: 'Name a `.md` or `.txt` file, not a folder.' }
    default:
      return { reason: `Cannot read the file: ${error instanceof Error ? error.message : String(error)}`, hint: undefined }
  }
}

/**
 * Read and decode `absolute` into `file` and stamp it, or report why not and mark it
 * unreadable. `isKnown` sees the stamp first and may say the file need not be read.
 */
function readInto(file: VFile, absolute: string, maxFileSize: number, isKnown: (stamp: SourceStamp) => boolean = () => false): void {
  let bytes: Uint8Array
  try {
    const stats = lstatSync(absolute)
    if (stats.size > maxFileSize) {
      unusable(file, 'file-too-large', `Unexpected file of ${stats.size} bytes, expected at most ${maxFileSize} bytes`)
      return
    }
    const stamp = { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino }
    file.data.stamp = stamp
    if (isKnown(stamp)) return
    bytes = readFileSync(absolute)
  } catch (error) {
    const failure = readFailure(error)
    unusable(file, 'file-unreadable', failure.reason, error, failure.hint)
    return
  }
  const decoded = decodeSource(bytes)
  if (!decoded.ok) {
    const { reason, line, column } = decoded.problem
    report(file, 'file-encoding', reason, { line, column })
    file.data.unreadable = true
    return
  }
  file.value = decoded.text
  file.data.textHash = hashText(decoded.text)
}

/** The site's people file in the content folder (`src/site/people-file.ts` reads it). */
export const peopleFileName = 'people.yml'

/**
 * Read the content folder's people file, `people.yml`, if there is one. Like an article it
 * is strict UTF-8 and size-capped, and a link is reported, never followed; problems are
 * messages on the returned file, which is then `unreadable`.
 *
 * @returns `undefined` when the content folder has no people file.
 */
export async function loadPeopleFile(contentDir: string, options: LoadOptions): Promise<VFile | undefined> {
  const absolute = path.join(contentDir, peopleFileName)
  let isLink: boolean
  try {
    const stats = await lstat(absolute)
    if (stats.isDirectory()) return undefined
    isLink = stats.isSymbolicLink()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined
    isLink = false
  }
  const file = new VFile({ path: path.relative(options.cwd, absolute) || absolute, cwd: options.cwd, value: '' })
  file.data.sourcePath = peopleFileName
  if (isLink) {
    unusable(file, 'file-symlink', 'Unexpected symbolic link, expected a regular file: links are not followed')
    return file
  }
  readInto(file, absolute, options.maxFileSize ?? defaultMaxFileSize)
  return file
}

/**
 * Read the text of a file `loadSources` left unread (`data.unread`), because it must be
 * parsed after all: its `textHash` and stamp are then the text's own (the file may have
 * changed since it was stamped), or, when it cannot be read now, it is reported and marked
 * unreadable.
 */
export function readUnread(file: VFile, options: { readonly maxFileSize?: number } = {}): void {
  if (file.data.unread !== true) return
  file.data.unread = false
  readInto(file, path.resolve(file.cwd, file.path), options.maxFileSize ?? defaultMaxFileSize)
}

/**
 * A source file's text as `loadSources` reads it, for reading a file again after its text
 * was let go; `undefined` when it cannot be read or decoded.
 */
export async function readSourceText(absolute: string): Promise<string | undefined> {
  try {
    return decodeText(await readFile(absolute))
  } catch {
    // Gone or unreadable since it was loaded: the caller says what it could not do.
    return undefined
  }
}

/** An image file found in the content folder. */
export interface FoundImage {
  readonly absolute: string
  /** A symbolic link: never followed, so never copied. */
  readonly isLink: boolean
}

/**
 * Find every image file under `contentDir` (by extension, see `imageExtensions`), by path
 * relative to the folder, links found but marked: the same walk as `loadSources`, so the
 * same folders are passed over (and an unreadable one, which `loadSources` reports, is too).
 *
 * @param skip As `LoadOptions.skip`: the output folder and the cache, when inside the content folder.
 */
export async function findImageFiles(contentDir: string, skip: readonly string[] = []): Promise<ReadonlyMap<string, FoundImage>> {
  const walked: Found[] = []
  await walk(contentDir, '', walked, { skip: new Set(skip.map((folder) => path.resolve(folder))), readFolder, extensions: imageExtensions })
  const found = new Map<string, FoundImage>()
  for (const entry of walked) {
    if (entry.unreadable !== undefined || !imageExtensions.has(imageExtension(entry.relative))) continue
    found.set(entry.relative.normalize('NFC'), { absolute: entry.absolute, isLink: entry.isLink })
  }
  return found
}

/**
 * Read an image file's bytes for copying into the site: opened without following a link
 * (one put in its place since it was found is refused, not followed), a regular file of
 * at most `maxImageSize` bytes.
 *
 * @returns The bytes, or why they cannot be copied (with a hint) for a message.
 */
export function readImageFile(absolute: string): { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string; readonly hint: string | undefined } {
  let descriptor: number | undefined
  try {
    // O_NOFOLLOW is 0 where the platform has none (Windows); the walk's link check stands there.
    descriptor = openSync(absolute, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    const stats = fstatSync(descriptor)
    if (!stats.isFile()) return { ok: false, reason: 'it is not a regular file', hint: undefined }
    if (stats.size > maxImageSize) {
      return { ok: false, reason: `it is ${(stats.size / 1024 / 1024).toFixed(1)} MB, over the ${maxImageSize / 1024 / 1024} MB an image may have`, hint: 'Resize it for the web (a news photo 2,000 pixels wide is well under 1 MB) and save it again.' }
    }
    return { ok: true, bytes: readFileSync(descriptor) }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return { ok: false, reason: 'it is a symbolic link, which is never followed', hint: 'Copy the image into the content folder instead of linking to it.' }
    const failure = readFailure(error)
    return { ok: false, reason: failure.reason.replace(/^Cannot read the file: /, ''), hint: failure.hint }
  } finally {
    if (descriptor !== undefined) closeSync(descriptor)
  }
}

/**
 * Read the trusted templates: every `*.eta` under `templatesDir` by name without extension
 * (`partials/byline`), and every file under `templatesDir/assets` as an asset.
 */
export async function loadTemplates(templatesDir: string): Promise<TemplateSet> {
  const templates: Record<string, string> = {}
  const assets: OutputFile[] = []
  const files = await readdir(templatesDir, { recursive: true, withFileTypes: true })
  const names = files
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(templatesDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
  for (const name of names) {
    const absolute = path.join(templatesDir, name)
    if (name.startsWith('assets/')) {
      assets.push({ path: name, contents: new Uint8Array(await readFile(absolute)) })
    } else if (name.endsWith('.eta')) {
      templates[name.slice(0, -'.eta'.length)] = await readFile(absolute, 'utf8')
    }
  }
  return { templates, assets, dir: templatesDir }
}

/**
 * Read one file named on the command line (for `dateline parse` and `dateline quotes`).
 *
 * @param given The path as the user typed it; messages and `sourcePath` use it as given.
 */
export async function loadFile(given: string, options: LoadOptions): Promise<VFile> {
  const absolute = path.resolve(options.cwd, given)
  let isLink = false
  try {
    isLink = (await lstat(absolute)).isSymbolicLink()
  } catch {
    // A missing file is reported by loadOne's read, with the system's own reason.
  }
  const file = loadOne({ absolute, relative: path.basename(given), isLink }, options.cwd, options.maxFileSize ?? defaultMaxFileSize, undefined, Date.now())
  file.path = given
  return file
}

/**
 * Read the configuration file into a VFile (path relative to `cwd`), or `undefined` when
 * there is none. A file that cannot be read carries a `file-unreadable` message.
 */
export async function loadConfigFile(absolute: string, cwd: string): Promise<VFile | undefined> {
  const file = new VFile({ path: path.relative(cwd, absolute) || absolute, cwd, value: '' })
  try {
    file.value = (await readFile(absolute, 'utf8')).replace(/^\uFEFF/, '')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    const failure = readFailure(error)
    unusable(file, 'file-unreadable', failure.reason, error, failure.hint)
  }
  return file
}
