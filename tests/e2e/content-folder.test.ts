/**
 * The content folder as the machine has it: a folder in it that cannot be read is one
 * message at its path and the rest of the site is built; an output folder put inside it is
 * never read back as content.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, chown, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cliPath, runCli, writeArticles } from '../hostile/cli-site.js'

let project: string | undefined

afterEach(async () => {
  if (project !== undefined) {
    await chmod(path.join(project, 'content', 'secret'), 0o755).catch(() => undefined)
    await rm(project, { recursive: true, force: true })
  }
  project = undefined
})

async function newProject(articles: number): Promise<string> {
  project = await mkdtemp(path.join(tmpdir(), 'dateline-content-folder-'))
  await writeArticles(project, articles)
  return project
}

/** Files under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

/**
 * Root reads any folder whatever its mode, so the CLI runs as `nobody` (through util-linux's
 * `setpriv`) when the tests run as root; as any other user, it runs as that user.
 */
const asUnprivileged: readonly string[] | undefined =
  process.getuid?.() !== 0 ? [] : spawnSync('setpriv', ['--version']).status === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : undefined

describe('a content folder with a folder that cannot be read', () => {
  it.skipIf(asUnprivileged === undefined)('should name the folder in one message at its path, build everything else and exit with 1', async () => {
    const root = await newProject(8)
    await mkdir(path.join(root, 'content', 'secret'))
    await writeFile(path.join(root, 'content', 'secret', 'embargoed.md'), '---\ntitle: Embargoed\ndate: 2026-01-01\n---\n\nNot yet.\n')
    if (asUnprivileged?.length) {
      // The whole project belongs to `nobody`, who can then build it.
      for (const entry of ['', ...(await readdir(root, { recursive: true }))]) await chown(path.join(root, entry), 65534, 65534)
    }
    await chmod(path.join(root, 'content', 'secret'), 0o000)
    const [command = process.execPath, ...prefix] = asUnprivileged?.length ? asUnprivileged : [process.execPath]
    const args = [...prefix, ...(asUnprivileged?.length ? [process.execPath] : []), cliPath, 'build', '--no-search']
    const run = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 60_000 })
    expect(run.status, run.stderr).toBe(1)
    expect(run.stderr).toMatch(/^content\/secret:1:1 +error +Cannot read folder: EACCES: permission denied, scandir '[^']*content\/secret': none of its articles were built +folder-unreadable$/m)
    expect(run.stderr).not.toMatch(/^\s+at /m)
    expect(run.stderr).toContain('Built 8 articles')
    expect(existsSync(path.join(root, 'dist', 'world', 'story-0', 'index.html'))).toBe(true)
  }, 60_000)
})

describe('an output folder inside the content folder', () => {
  it('should never be read back as content, however often the site is built into it', async () => {
    const root = await newProject(8)
    const first = await runCli(['build', '--out', 'content/dist', '--no-search'], { cwd: root })
    expect(first.code, first.stderr).toBe(0)
    expect(await readdir(path.join(root, 'content', 'dist'))).toContain('robots.txt')
    const files = await filesUnder(path.join(root, 'content', 'dist'))
    for (const command of [['build', '--out', 'content/dist', '--no-search'], ['build', '--out', 'content/dist']]) {
      const again = await runCli(command, { cwd: root })
      expect(again.code, again.stderr).toBe(0)
      expect(again.stderr).toContain('Built 8 articles')
      // No message about a file of the output (they start with its path).
      expect(again.stderr).not.toMatch(/^content\/dist\//m)
      expect(again.stderr).toContain('0 errors, 0 warnings in 8 files')
    }
    // The same pages as the first time (and the search index); no page made from the output itself.
    expect((await filesUnder(path.join(root, 'content', 'dist'))).filter((file) => !file.startsWith('pagefind'))).toEqual(files.filter((file) => !file.startsWith('pagefind')))
    // `check` does not read it either: the folder says it is an output.
    const check = await runCli(['check'], { cwd: root })
    expect(check.code, check.stderr).toBe(0)
    expect(check.stderr).toMatch(/in 8 files/)
  }, 60_000)
})
