/** The load stage's memory between builds: only changed files are read again. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { VFile } from 'vfile'
import { loadFile, loadSources, peopleFileName } from '../content/load.js'

/** Each loaded file's absolute path, resolved once (a `dev` rebuild looks up every file). */
const absolutePaths = new WeakMap<VFile, string>()

export function absoluteOf(file: VFile, cwd: string): string {
  let absolute = absolutePaths.get(file)
  if (absolute === undefined) {
    absolute = path.resolve(cwd, file.path)
    absolutePaths.set(file, absolute)
  }
  return absolute
}

/** Reload only the changed files; a file added or removed means walking the folder again. */
export async function reloadChanged(sources: readonly VFile[], changed: readonly string[], contentDir: string, options: { readonly cwd: string; readonly maxFileSize?: number; readonly skip?: readonly string[] | undefined }): Promise<VFile[]> {
  // The people file is read at every build; it is no article.
  const peopleFile = path.resolve(contentDir, peopleFileName)
  const articlesChanged = changed.filter((absolute) => path.resolve(absolute) !== peopleFile)
  if (articlesChanged.length === 0) return [...sources]
  const byAbsolute = new Map(sources.map((file) => [absoluteOf(file, options.cwd), file]))
  if (articlesChanged.some((absolute) => !byAbsolute.has(path.resolve(absolute)) || !existsSync(absolute))) return loadSources(contentDir, options)
  const fresh = new Map<string, VFile>()
  for (const absolute of articlesChanged) {
    const file = await loadFile(path.relative(options.cwd, absolute) || absolute, options)
    file.data.sourcePath = path.relative(contentDir, absolute).split(path.sep).join('/')
    fresh.set(path.resolve(absolute), file)
  }
  return sources.map((file) => fresh.get(absoluteOf(file, options.cwd)) ?? file)
}
