/**
 * What `dateline dev` watches: folders (the content and the templates, with everything
 * under them) and single files (the configuration), through Node's own recursive
 * `fs.watch` (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows).
 *
 * chokidar, used before, reads a whole folder again (a `readdir` and an `lstat` per entry)
 * on every event in it: with the 4,000 bench stories in one folder that took ~190 ms of
 * each edit-to-rebuilt. The platform's watcher names the changed file itself, so an edit
 * costs nothing beyond the rebuild.
 */
import { type FSWatcher, watch } from 'node:fs'
import path from 'node:path'

export interface PathWatcher {
  readonly close: () => void
}

/** Whether a path relative to a watched folder passes through a dot-file or dot-folder (editor swap files, `.git`, caches). */
function isHidden(relative: string): boolean {
  return relative.split(/[\\/]/).some((segment) => segment.startsWith('.'))
}

/**
 * Call `onChange` with the absolute path of each file or folder added, changed, renamed or
 * removed under `folders`, or of any of `files`. Hidden paths are left out. A folder or a
 * file's folder that does not exist is not watched (as before: create it and restart).
 */
export function watchPaths(folders: readonly string[], files: readonly string[], onChange: (absolute: string) => void): PathWatcher {
  const watchers: FSWatcher[] = []
  const open = (target: string, recursive: boolean, listener: (name: string | null) => void): void => {
    try {
      const watcher = watch(target, { recursive, persistent: true }, (_event, name) => listener(name === null ? null : String(name)))
      // A watched folder that goes away ends its watcher; the session goes on.
      watcher.on('error', () => undefined)
      watchers.push(watcher)
    } catch {
      // Missing or unreadable: nothing to watch there.
    }
  }
  for (const folder of folders) {
    const root = path.resolve(folder)
    open(root, true, (name) => {
      if (name === null) onChange(root)
      else if (!isHidden(name)) onChange(path.join(root, name))
    })
  }
  // A file is watched through its folder, so replacing it (as editors save) and creating it are seen too.
  const byFolder = new Map<string, Set<string>>()
  for (const file of files) {
    const absolute = path.resolve(file)
    const names = byFolder.get(path.dirname(absolute)) ?? new Set<string>()
    names.add(path.basename(absolute))
    byFolder.set(path.dirname(absolute), names)
  }
  for (const [folder, names] of byFolder) {
    open(folder, false, (name) => {
      if (name !== null && names.has(name)) onChange(path.join(folder, name))
    })
  }
  return {
    close() {
      for (const watcher of watchers) watcher.close()
    },
  }
}
