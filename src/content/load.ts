/**
 * The load stage: the only code that reads the content and templates folders. It turns
 * files into VFiles (strict UTF-8, BOM stripped, CRLF normalised) and never follows links.
 */
import { lstatSync, readFileSync } from 'node:fs'
import { lstat, readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { VFile } from 'vfile'
import { hashText, type SourceIndex, type SourceStamp } from '../cache/source-index.js'
import { inTurn } from '../files-at-once.js'
import type { RuleId } from '../model/messages.js'
import type { OutputFile, TemplateSet } from '../model/site.js'
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

/** Default cap on one article's size in bytes (a long feature is ~50 KB). */
export const defaultMaxFileSize = 1024 * 1024

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
}

/** One decoder for every file: `decode` without `stream` keeps no state between calls. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
/** For explaining a failure only: decodes what it can, marking each bad sequence with U+FFFD. */
const lenientUtf8 = new TextDecoder('utf-8')

/** Why a file's bytes are not UTF-8 text, and where (line and column as in every message, 1-based). */
export interface EncodingProblem {
  readonly reason: string
  readonly line: number
  readonly column: number
}

/**
 * Decode a file's bytes as strict UTF-8, strip a BOM and normalise line endings.
 * Returns the text, or the first problem that keeps the bytes from being UTF-8 text
 * (another encoding's byte order mark, a NUL byte, a byte that is not UTF-8) with its place.
 */
export function decodeSource(bytes: Uint8Array): { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: EncodingProblem } {
  const foreign = foreignByteOrderMark(bytes)
  if (foreign !== undefined) return { ok: false, problem: { reason: `Unexpected ${foreign.name} text (${foreign.order}, byte order mark ${hexBytes(bytes, foreign.name === 'UTF-32' ? 4 : 2)}), expected UTF-8`, line: 1, column: 1 } }
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    // The decoder's own error says neither what nor where: explain it from the bytes.
    return { ok: false, problem: explainInvalid(bytes) }
  }
  const nul = text.indexOf('\u0000')
  if (nul !== -1) return { ok: false, problem: { reason: nulReason(bytes), ...placeOf(text, nul) } }
  return { ok: true, text: text.replace(/\r\n?/g, '\n') }
}

/**
 * Decode a file's bytes as strict UTF-8, strip a BOM and normalise line endings.
 * Returns `undefined` for bytes that are not UTF-8 text (invalid sequences or NUL bytes).
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const decoded = decodeSource(bytes)
  return decoded.ok ? decoded.text : undefined
}

/** The encoding a byte order mark other than UTF-8's names, if the bytes start with one. */
function foreignByteOrderMark(bytes: Uint8Array): { readonly name: 'UTF-16' | 'UTF-32'; readonly order: 'little-endian' | 'big-endian' } | undefined {
  const [a, b, c, d] = bytes
  if (a === 0xff && b === 0xfe) return { name: c === 0 && d === 0 ? 'UTF-32' : 'UTF-16', order: 'little-endian' }
  if (a === 0xfe && b === 0xff) return { name: 'UTF-16', order: 'big-endian' }
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { name: 'UTF-32', order: 'big-endian' }
  return undefined
}

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`
}

function hexBytes(bytes: Uint8Array, count: number): string {
  return [...bytes.subarray(0, count)].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ')
}

/**
 * A NUL byte is valid UTF-8 but never text; most often it is half of a UTF-16 character
 * (ASCII in UTF-16 is every other byte zero), so say so when the bytes look like that.
 */
function nulReason(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 512)
  let evenZeros = 0
  let oddZeros = 0
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] === 0) {
      if (index % 2 === 0) evenZeros++
      else oddZeros++
    }
  }
  const pairs = Math.floor(sample.length / 2)
  const utf16 = pairs >= 2 && (evenZeros >= pairs * 0.5 && oddZeros === 0 ? 'big-endian' : oddZeros >= pairs * 0.5 && evenZeros === 0 ? 'little-endian' : undefined)
  if (utf16) return `Unexpected NUL byte (0x00): the file looks like UTF-16 text (${utf16}) without a byte order mark, expected UTF-8`
  return 'Unexpected NUL byte (0x00), expected text without NUL bytes'
}

/** The first byte of `bytes` that is not UTF-8 (or a NUL byte before it), as a problem at its place. */
function explainInvalid(bytes: Uint8Array): EncodingProblem {
  const text = lenientUtf8.decode(bytes)
  // Each bad sequence became one U+FFFD; a U+FFFD the file really holds is the valid EF BF BD.
  // The decoder dropped a leading UTF-8 BOM from `text`, so byte offsets start after it.
  let byteOffset = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  let scanned = 0
  let index = text.indexOf('\uFFFD')
  while (index !== -1) {
    byteOffset += Buffer.byteLength(text.slice(scanned, index))
    if (!(bytes[byteOffset] === 0xef && bytes[byteOffset + 1] === 0xbf && bytes[byteOffset + 2] === 0xbd)) break
    byteOffset += 3
    scanned = index + 1
    index = text.indexOf('\uFFFD', scanned)
  }
  const nul = text.indexOf('\u0000')
  if (nul !== -1 && (index === -1 || nul < index)) return { reason: nulReason(bytes), ...placeOf(text, nul) }
  // Not reached for bytes the strict decoder refused; kept total rather than trusting that.
  if (index === -1) return { reason: 'Unexpected bytes that are not UTF-8 text, expected a UTF-8 text file', line: 1, column: 1 }
  const byte = bytes[byteOffset] ?? 0
  const isContinuation = (at: number): boolean => (bytes[at] ?? 0) >= 0x80 && (bytes[at] ?? 0) <= 0xbf
  let following = 0
  while (following < 3 && isContinuation(byteOffset + 1 + following)) following++
  const needed = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : 1
  // A lead byte whose character the file ends inside of, a lone byte of some 8-bit
  // encoding between ASCII (Latin-1 `café`), or something else (binary data, a bad sequence).
  const reason =
    byte >= 0xc2 && byte <= 0xf4 && following < needed && byteOffset + 1 + following === bytes.length
      ? `Unexpected end of file inside a UTF-8 character that byte ${hex(byte)} starts, expected a UTF-8 text file`
      : `Unexpected byte ${hex(byte)}, which is not UTF-8 here, expected a UTF-8 text file${bytes.includes(0) ? ' (the file looks like binary data)' : following === 0 ? ' (text saved as Latin-1 or Windows-1252 has bytes like this)' : ''}`
  return { reason, ...placeOf(text, index) }
}

/** Line and column of `index` in decoded `text` (before line endings are normalised: CRLF, CR and LF each end a line). */
function placeOf(text: string, index: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let at = 0; at < index; at++) {
    const code = text.charCodeAt(at)
    if (code === 10 || (code === 13 && text.charCodeAt(at + 1) !== 10)) {
      line++
      lineStart = at + 1
    }
  }
  return { line, column: index - lineStart + 1 }
}

/**
 * Read every article under `contentDir` (`**\/*.md`, `**\/*.txt`; dot-files and
 * `node_modules` skipped) into VFiles, sorted by path so builds are deterministic.
 * Files that cannot be used carry an error message and `data.unreadable`.
 */
export async function loadSources(contentDir: string, options: LoadOptions): Promise<VFile[]> {
  const maxFileSize = options.maxFileSize ?? defaultMaxFileSize
  const found: { absolute: string; relative: string; isLink: boolean }[] = []
  await walk(contentDir, '', found)
  found.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
  const loadedAt = Date.now()
  return inTurn(found, (entry) => loadOne(entry, options.cwd, maxFileSize, options.known, loadedAt))
}

async function walk(root: string, relative: string, found: { absolute: string; relative: string; isLink: boolean }[]): Promise<void> {
  const dir = path.join(root, relative)
  const entries = await readdir(dir, { withFileTypes: true })
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`
    if (entry.isDirectory()) {
      await walk(root, childRelative, found)
    } else if (entry.isSymbolicLink() && path.extname(entry.name) === '') {
      // Most likely a linked folder: not followed, but said, so its articles are not
      // missing without a word.
      found.push({ absolute: path.join(root, childRelative), relative: childRelative, isLink: true })
    } else if (articleExtensions.has(path.extname(entry.name).toLowerCase())) {
      if (entry.isFile() || entry.isSymbolicLink()) {
        found.push({ absolute: path.join(root, childRelative), relative: childRelative, isLink: entry.isSymbolicLink() })
      }
    }
  }
}

function loadOne(entry: { absolute: string; relative: string; isLink: boolean }, cwd: string, maxFileSize: number, known: SourceIndex | undefined, loadedAt: number): VFile {
  const file = new VFile({ path: path.relative(cwd, entry.absolute) || entry.absolute, cwd, value: '' })
  file.data.sourcePath = entry.relative
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
function unusable(file: VFile, ruleId: RuleId, reason: string, cause?: unknown): void {
  const message = report(file, ruleId, reason, wholeFile)
  if (cause !== undefined) message.cause = cause
  file.data.unreadable = true
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
    unusable(file, 'file-unreadable', `Cannot read file: ${error instanceof Error ? error.message : String(error)}`, error)
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

/** The configuration file's content: parsed JSON, `{}` when there is none, or the reason it cannot be read. */
export async function loadConfigData(file: string): Promise<{ readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly problem: string }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, data: {} }
    return { ok: false, problem: `Cannot read \`${file}\`: ${error instanceof Error ? error.message : String(error)}` }
  }
  try {
    return { ok: true, data: JSON.parse(text) as unknown }
  } catch (error) {
    return { ok: false, problem: `Unexpected content in \`${file}\`, expected JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
}
