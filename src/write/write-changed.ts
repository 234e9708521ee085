/**
 * The write stage for `dateline dev`: after the first (atomic) write, a rebuild writes only
 * the files whose bytes changed and removes the files the site no longer has. Rewriting
 * thousands of unchanged pages would cost more than the rebuild itself, and would make the
 * browser and any file watcher downstream see changes that are not there.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutputFile } from '../model/site.js'
import { resolveInside } from './write-site.js'

export type Contents = OutputFile['contents']

/** Whether two file contents have the same bytes (the same object, most often). */
export function sameContents(a: Contents, b: Contents): boolean {
  if (a === b) return true
  if (typeof a === 'string' && typeof b === 'string') return false
  const left = typeof a === 'string' ? Buffer.from(a) : a
  const right = typeof b === 'string' ? Buffer.from(b) : b
  return Buffer.compare(left, right) === 0
}

/**
 * Bring `outDir` (already a Dateline output folder, written by `writeSite`) from
 * `previous` to `files`.
 *
 * @returns The paths written and removed, for the log and the live reload, and what the
 *   folder now holds (to pass as `previous` next time).
 */
export async function writeChanged(
  files: readonly OutputFile[],
  previous: ReadonlyMap<string, Contents>,
  outDir: string,
): Promise<{ written: string[]; removed: string[]; contents: Map<string, Contents> }> {
  const root = path.resolve(outDir)
  const written: string[] = []
  // Copied whole and patched: most of a rebuild's files are the very same objects as before.
  const contents = new Map(previous)
  let before = 0
  for (const file of files) {
    const old = previous.get(file.path)
    if (old !== undefined) before++
    if (old !== undefined && sameContents(old, file.contents)) continue
    const destination = resolveInside(root, file.path)
    await mkdir(path.dirname(destination), { recursive: true })
    await writeFile(destination, file.contents)
    written.push(file.path)
    contents.set(file.path, file.contents)
  }
  const removed: string[] = []
  // Paths are unique, so when every old path was met again nothing is gone.
  if (before < previous.size) {
    const present = new Set(files.map((file) => file.path))
    for (const old of previous.keys()) {
      if (present.has(old)) continue
      await rm(resolveInside(root, old), { force: true })
      removed.push(old)
      contents.delete(old)
    }
  }
  return { written, removed, contents }
}
