/**
 * The worker side of the parse pool: one source text in, one cache entry's JSON out.
 * Returning JSON text (not the object) means the main thread stores exactly what it
 * reads, and a fresh parse and a cache hit give the same model.
 */
import { VFile } from 'vfile'
import { storeMessages, writeEntry } from '../cache/article-cache.js'
import { parseArticle } from '../parse/article.js'
import { parseStages } from '../parse/stages.js'
import { searchText } from '../search/records.js'

/** One file to parse, as plain data that crosses the thread boundary. */
export interface ParseTask {
  /** The file's path as messages show it (relative to `cwd`). */
  readonly path: string
  readonly cwd: string
  /** Path relative to the content folder: `world/budget.md`. */
  readonly sourcePath: string
  /** The decoded text (load already checked encoding and size). */
  readonly text: string
  readonly attribute: boolean
  /**
   * Where the worker says which stage of `parseStages` it is in (its index plus one, in the
   * first 32-bit slot), so a parse stopped by the time limit can be reported with it. Shared
   * memory: the main thread reads it while the worker is busy. Default: none.
   */
  readonly progress?: SharedArrayBuffer | undefined
}

/** Parse one file; the result is `writeEntry` text. */
export function parseTask(task: ParseTask): string {
  const file = new VFile({ path: task.path, cwd: task.cwd, value: task.text })
  file.data.sourcePath = task.sourcePath
  const progress = task.progress === undefined ? undefined : new Int32Array(task.progress)
  const onStage = progress === undefined ? undefined : (stage: (typeof parseStages)[number]): void => void Atomics.store(progress, 0, parseStages.indexOf(stage) + 1)
  const article = parseArticle(file, { attribute: task.attribute, onStage })
  return writeEntry({ article, messages: storeMessages(file) }, article === undefined ? undefined : searchText(article))
}

export default parseTask
