/**
 * Decoding a source file's bytes: strict UTF-8, BOM stripped, CRLF normalised, and when the
 * bytes are not UTF-8 text, what they look like instead and where the first bad byte is.
 */

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
