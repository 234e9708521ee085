/**
 * The worker side of the parse pool: one source text in, one cache entry's JSON out.
 * Returning JSON text (not the object) means the main thread stores exactly what it
 * reads, and a fresh parse and a cache hit give the same model.
 */
import { VFile } from 'vfile'
import { parseArticle } from '../parse/article.js'
import { parseStages } from '../parse/stages.js'
import { entryText } from './entry-text.js'
import { stageSlot, startSlot } from './progress.js'

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
   * The publication threshold to prerender the story's body for (`prerenderBody`), so its
   * page is made from its card; none: no body is prerendered.
   */
  readonly threshold?: number | undefined
  /**
   * Where the worker says which stage of `parseStages` it is in and when it began
   * (`progress.ts`, `progressBytes` long), so the time limit counts the parse itself and a
   * parse it stopped is reported with its stage. Shared memory: the main thread reads it
   * while the worker is busy. Default: none.
   */
  readonly progress?: SharedArrayBuffer | undefined
}

/** Parse one file; the result is `writeEntry` text. */
export function parseTask(task: ParseTask): string {
  const file = new VFile({ path: task.path, cwd: task.cwd, value: task.text })
  file.data.sourcePath = task.sourcePath
  const progress = task.progress === undefined ? undefined : stageSlot(task.progress)
  if (task.progress !== undefined) startSlot(task.progress)[0] = Date.now()
  const onStage = progress === undefined ? undefined : (stage: (typeof parseStages)[number]): void => void Atomics.store(progress, 0, parseStages.indexOf(stage) + 1)
  const article = parseArticle(file, { attribute: task.attribute, onStage })
  return entryText(article, file, task.threshold)
}

export default parseTask
