import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type PathWatcher, watchPaths } from '../../../src/cli/watch-paths.js'

let folder: string
let watcher: PathWatcher | undefined
afterEach(() => {
  watcher?.close()
  rmSync(folder, { recursive: true, force: true })
})

/** Watch a fresh project (content/, templates/, dateline.config.json) and collect what is reported. */
function watchProject(skip: readonly string[] = []): { content: string; templates: string; config: string; seen: Set<string>; until: (file: string) => Promise<void> } {
  folder = mkdtempSync(path.join(tmpdir(), 'dateline-watch-'))
  const content = path.join(folder, 'content')
  const templates = path.join(folder, 'templates')
  mkdirSync(path.join(content, 'world'), { recursive: true })
  mkdirSync(templates)
  writeFileSync(path.join(content, 'world', 'a.md'), 'A\n')
  const config = path.join(folder, 'dateline.config.json')
  const seen = new Set<string>()
  const waiting = new Map<string, () => void>()
  for (const folder of skip) mkdirSync(path.join(content, folder), { recursive: true })
  watcher = watchPaths(
    [content, templates],
    [config],
    (absolute) => {
      seen.add(absolute)
      waiting.get(absolute)?.()
    },
    { skip: skip.map((folder) => path.join(content, folder)) },
  )
  const until = (file: string): Promise<void> =>
    seen.has(file)
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`not reported: ${file} (seen: ${[...seen].join(', ')})`)), 5_000)
          waiting.set(file, () => {
            clearTimeout(timer)
            resolve()
          })
        })
  return { content, templates, config, seen, until }
}

describe('watchPaths', () => {
  it('should report an edited, an added and a removed article by its absolute path', async () => {
    const { content, until, seen } = watchProject()
    const edited = path.join(content, 'world', 'a.md')
    appendFileSync(edited, 'More.\n')
    await until(edited)
    const added = path.join(content, 'world', 'b.md')
    writeFileSync(added, 'B\n')
    await until(added)
    // Its removal is a report of its own, once the reports of its creation are in.
    await new Promise((resolve) => setTimeout(resolve, 100))
    seen.clear()
    rmSync(added)
    await until(added)
  })

  it('should report a file in a folder created after the watch started', async () => {
    const { content, until } = watchProject()
    mkdirSync(path.join(content, 'sport'))
    await until(path.join(content, 'sport'))
    // Given the folder's own event a moment to be taken in, as an editor would.
    await new Promise((resolve) => setTimeout(resolve, 100))
    const file = path.join(content, 'sport', 'c.md')
    writeFileSync(file, 'C\n')
    await until(file)
  })

  it('should watch folders nested in a folder created after the start, and not watch files as folders', async () => {
    const { content, until, seen } = watchProject()
    mkdirSync(path.join(content, 'world', 'africa', 'east'), { recursive: true })
    await until(path.join(content, 'world', 'africa'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    const deep = path.join(content, 'world', 'africa', 'east', 'd.md')
    writeFileSync(deep, 'D\n')
    await until(deep)
    // An edited file is reported each time, never taken for a folder to watch.
    seen.clear()
    const edited = path.join(content, 'world', 'a.md')
    appendFileSync(edited, 'Once.\n')
    await until(edited)
    seen.clear()
    appendFileSync(edited, 'Twice.\n')
    await until(edited)
  })

  it('should report the templates and the configuration file, and nothing hidden', async () => {
    const { content, templates, config, seen, until } = watchProject()
    writeFileSync(path.join(content, 'world', '.a.md.swp'), 'swap')
    mkdirSync(path.join(content, '.git'))
    writeFileSync(path.join(content, '.git', 'HEAD'), 'ref')
    writeFileSync(path.join(folder, 'unrelated.txt'), 'x')
    const template = path.join(templates, 'article.eta')
    writeFileSync(template, '<%= it.x %>')
    await until(template)
    writeFileSync(config, '{}')
    await until(config)
    expect([...seen].filter((file) => file.includes(`${path.sep}.`) || file.endsWith('unrelated.txt'))).toEqual([])
  })

  it('should leave out the folders it is told to skip (an output folder inside the content folder) and all they hold', async () => {
    const { content, seen, until } = watchProject(['dist'])
    writeFileSync(path.join(content, 'dist', 'index.html'), '<p>page</p>')
    mkdirSync(path.join(content, 'dist', 'world'))
    writeFileSync(path.join(content, 'dist', 'world', 'index.html'), '<p>section</p>')
    // Reported after the writes above, so theirs would have come first.
    const edited = path.join(content, 'world', 'a.md')
    await new Promise((resolve) => setTimeout(resolve, 100))
    appendFileSync(edited, 'More.\n')
    await until(edited)
    expect([...seen].filter((file) => file.includes(`${path.sep}dist`))).toEqual([])
  })
})
