/** The content folder's images a site uses, copied into the output (a step of the render stage). */
import type { VFile } from 'vfile'
import { pageBytes } from '../cache/page-cache.js'
import { type FoundImage, readImageFile } from '../content/load.js'
import { report } from '../content/report.js'
import type { OutputFile, PageBytes } from '../model/site.js'
import type { ImageCopy } from '../site/images.js'

/** Image files copied between two writes when files are emitted: a batch of photos, not the whole folder, is held at once. */
const imageBatchSize = 32

/**
 * The copies of the content folder's images a site uses, as output files at the same paths:
 * handed to `emit` a batch at a time when there is one (so a folder of photos is never
 * held whole), else returned. An image that cannot be read now (removed, replaced by a
 * link, too large) is reported on the first story that uses it and left out.
 *
 * @param held Bytes read by an earlier build of this builder, by path, to take again (`dev`).
 */
export async function copyImages(
  copies: readonly ImageCopy[],
  found: ReadonlyMap<string, FoundImage>,
  options: { readonly held: Map<string, Uint8Array> | undefined; readonly emit: ((files: readonly OutputFile[]) => Promise<void>) | undefined; readonly fileOf: (sourcePath: string) => VFile | undefined },
): Promise<{ files: OutputFile[]; emitted: Map<string, PageBytes> }> {
  const files: OutputFile[] = []
  const emitted = new Map<string, PageBytes>()
  let batch: OutputFile[] = []
  for (const copy of copies) {
    let bytes = options.held?.get(copy.path)
    if (bytes === undefined) {
      const absolute = found.get(copy.path)?.absolute
      const read = absolute === undefined ? { ok: false as const, reason: 'it is gone', hint: undefined } : readImageFile(absolute)
      if (!read.ok) {
        const file = options.fileOf(copy.usedBy.sourcePath)
        if (file) report(file, 'image-missing', `Unexpected image \`${copy.usedBy.url}\`: \`${copy.path}\` cannot be copied, ${read.reason}`, copy.usedBy.position, read.hint)
        continue
      }
      bytes = read.bytes
      options.held?.set(copy.path, bytes)
    }
    const output: OutputFile = { path: copy.path, contents: bytes }
    if (options.emit === undefined) {
      files.push(output)
      continue
    }
    batch.push(output)
    emitted.set(output.path, pageBytes(bytes))
    if (batch.length === imageBatchSize) {
      await options.emit(batch)
      batch = []
    }
  }
  if (options.emit !== undefined && batch.length > 0) await options.emit(batch)
  return { files, emitted }
}
