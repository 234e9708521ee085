/**
 * What `dateline dev` watches: folders (the content and the templates, with every folder
 * under them) and single files (the configuration), one plain `fs.watch` per folder
 * (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), which names the
 * file that changed.
 *
 * chokidar, used before, read a whole folder again (a `readdir` and an `lstat` per entry)
 * on every event in it: ~190 ms per edit with the 4,000 bench stories in one folder. Node's
 * recursive `fs.watch` is a JavaScript layer on Linux that reads the folder again too
 * (~40 ms per edit with 10,000). A watch per folder costs nothing per edit; a folder
 * created later is watched when its own event arrives.
 */
import { type FSWatcher, lstatSync, readdirSync, watch } from 'node:fs'
import path from 'node:path'

export interface PathWatcher {
  readonly close: () => void
}

function isFolder(absolute: string): boolean {
  try {
    return lstatSync(absolute).isDirectory()
  } catch {
    // Removed: nothing to watch.
    return false
  }
}

/** Whether a path relative to a watched folder passes through a dot-file or dot-folder (editor swap files, `.git`, caches). */
function isHidden(relative: string): boolean {
  return relative.split(/[\\/]/).some((segment) => segment.startsWith('.'))
}

/**
 * Call `onChange` with the absolute path of each file or folder added, changed, renamed or
 * removed under `folders`, or of any of `files`. Hidden paths are left out, and so are the
 * folders in `options.skip` (absolute paths) and what they hold. A folder or a file's
 * folder that does not exist is not watched (as before: create it and restart).
 */
export function watchPaths(folders: readonly string[], files: readonly string[], onChange: (absolute: string) => void, options: { readonly skip?: readonly string[] } = {}): PathWatcher {
  const skipped = (options.skip ?? []).map((folder) => path.resolve(folder))
  const isSkipped = (absolute: string): boolean => skipped.some((folder) => absolute === folder || absolute.startsWith(folder + path.sep))
  // The folders watched as trees, by path, and the folders watched for single files (one
  // folder may be both: the configuration beside the content folder).
  const watchers = new Map<string, FSWatcher>()
  const fileWatchers = new Map<string, FSWatcher>()
  const open = (target: string, into: Map<string, FSWatcher>, listener: (name: string | null) => void): boolean => {
    try {
      const watcher = watch(target, { persistent: true }, (_event, name) => listener(name === null ? null : String(name)))
      // A watched folder that goes away ends its watcher; the session goes on.
      watcher.on('error', () => {
        watcher.close()
        into.delete(target)
      })
      into.set(target, watcher)
      return true
    } catch {
      // Missing, unreadable or not a folder: nothing to watch there.
      return false
    }
  }
  /** Watch `folder` and every folder under it that is not hidden and not watched yet. */
  const watchTree = (folder: string): void => {
    if (watchers.has(folder) || isSkipped(folder)) return
    if (!open(folder, watchers, (name) => {
      if (name === null) return onChange(folder)
      if (isHidden(name)) return
      const changed = path.join(folder, name)
      if (isSkipped(changed)) return
      // A new (or renamed) folder: watch it and what it already holds, then report it.
      if (!watchers.has(changed) && isFolder(changed)) watchTree(changed)
      onChange(changed)
    })) return
    let entries: { name: string; isDirectory: () => boolean }[] = []
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      // Gone already: its watcher reports it.
    }
    for (const entry of entries) if (entry.isDirectory() && !isHidden(entry.name)) watchTree(path.join(folder, entry.name))
  }
  for (const folder of folders) watchTree(path.resolve(folder))
  // A file is watched through its folder, so replacing it (as editors save) and creating it are seen too.
  const byFolder = new Map<string, Set<string>>()
  for (const file of files) {
    const absolute = path.resolve(file)
    const names = byFolder.get(path.dirname(absolute)) ?? new Set<string>()
    names.add(path.basename(absolute))
    byFolder.set(path.dirname(absolute), names)
  }
  for (const [folder, names] of byFolder) {
    open(folder, fileWatchers, (name) => {
      if (name !== null && names.has(name)) onChange(path.join(folder, name))
    })
  }
  return {
    close() {
      for (const watcher of [...watchers.values(), ...fileWatchers.values()]) watcher.close()
      watchers.clear()
      fileWatchers.clear()
    },
  }
}
