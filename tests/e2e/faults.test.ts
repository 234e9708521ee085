/**
 * Refusals and faults of the environment, as the real CLI meets them (issue 18, defect 7):
 * each ends the command with one line naming its cause (a template's file:line:column),
 * exit code 2 (1 stays for content errors), no stack trace, and the old dist/ as it was.
 */
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashFolder, repoRoot, runCli, writeArticles } from '../hostile/cli-site.js'

let project: string
let siteHash: string

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'dateline-faults-'))
  await cp(path.join(repoRoot, 'templates'), path.join(project, 'templates'), { recursive: true })
  await writeArticles(project, 12)
  const first = await runCli(['build', '--no-search'], { cwd: project })
  expect(first.code, first.stderr).toBe(0)
  siteHash = await hashFolder(path.join(project, 'dist'))
}, 60_000)

afterAll(async () => {
  await rm(project, { recursive: true, force: true })
})

/**
 * The one line a fault prints, after checking it is one line (after the content report,
 * for a fault met while writing), exit code 2, no stack trace, and dist/ and its siblings as they were.
 */
async function faultLine(args: readonly string[], env?: NodeJS.ProcessEnv, options: { readonly afterReport?: boolean } = {}): Promise<string> {
  const run = await runCli(['build', '--no-search', ...args], { cwd: project, ...(env === undefined ? {} : { env }) })
  expect(run.code, run.stderr).toBe(2)
  // One line, and the hint that goes with it when the message has one (configuration messages do).
  const lines = run.stderr.trim().split('\n').filter((line) => !line.startsWith('    hint: '))
  if (options.afterReport === true) expect(lines.shift(), run.stderr).toMatch(/^0 errors, 0 warnings in \d+ files$/)
  expect(lines, run.stderr).toHaveLength(1)
  expect(run.stderr).not.toMatch(/^\s+at /m)
  expect(await hashFolder(path.join(project, 'dist'))).toBe(siteHash)
  expect((await readdir(project)).filter((name) => name.startsWith('.dist.'))).toEqual([])
  return lines[0] as string
}

describe('dateline build refusing, in one line with exit code 2', () => {
  it('should refuse --out / as the file system root', async () => {
    expect(await faultLine(['--out', '/'])).toBe('Cannot write the site to the file system root `/`')
  })

  it('should refuse --out $HOME, even an empty one', async () => {
    const home = path.join(project, 'home')
    await mkdir(home, { recursive: true })
    expect(await faultLine(['--out', home], { HOME: home })).toBe(`Cannot write the site to \`${home}\`: it is or contains \`${home}\`, which must not be replaced`)
    await writeFile(path.join(home, '.profile'), 'mine')
    expect(await faultLine(['--out', home])).toMatch(/^Cannot replace `.*home`: it is not empty and has no `\.dateline-output` marker/)
    expect(await readFile(path.join(home, '.profile'), 'utf8')).toBe('mine')
  })

  it('should refuse --out onto a file', async () => {
    await writeFile(path.join(project, 'notes.txt'), 'keep')
    expect(await faultLine(['--out', 'notes.txt'])).toBe(`Cannot write the site to \`${path.join(project, 'notes.txt')}\`: it is a file, not a folder`)
    expect(await readFile(path.join(project, 'notes.txt'), 'utf8')).toBe('keep')
  })

  it('should refuse a --templates or --content folder that does not exist', async () => {
    expect(await faultLine(['--templates', 'no-such-templates'])).toBe('Cannot read the templates folder `no-such-templates`: it does not exist (name another with --templates)')
    expect(await faultLine(['--content', 'no-such-content'])).toBe('Cannot read the content folder `no-such-content`: it does not exist (name another with --content)')
  })

  it('should refuse a bad configuration with exit code 2', async () => {
    await writeFile(path.join(project, 'dateline.config.json'), JSON.stringify({ publisherLogo: 'javascript:alert(1)' }))
    try {
      expect(await faultLine([])).toContain('Unexpected value for `publisherLogo` in dateline.config.json')
    } finally {
      await rm(path.join(project, 'dateline.config.json'))
    }
  })
})

describe('dateline build meeting faults, in one line with exit code 2', () => {
  it('should name a template syntax error by its file, line and column, not print the compiled template', async () => {
    const broken = path.join(project, 'broken-templates')
    await cp(path.join(project, 'templates'), broken, { recursive: true })
    const article = path.join(broken, 'article.eta')
    const lines = (await readFile(article, 'utf8')).split('\n')
    const at = lines.findIndex((line) => line.startsWith('<% for (const crumb of a.breadcrumbs) {'))
    expect(at).toBeGreaterThan(0)
    lines[at] = '<% for (const crumb of a.breadcrumbs)) { %>'
    await writeFile(article, lines.join('\n'))
    expect(await faultLine(['--templates', 'broken-templates'])).toBe(`${path.join('broken-templates', 'article.eta')}:${at + 1}:38  error  Cannot compile template \`article\`: Unexpected token ')'`)
  })

  it('should name a template that fails while rendering by its file and line, in the partial it happened in', async () => {
    const broken = path.join(project, 'throwing-templates')
    await cp(path.join(project, 'templates'), broken, { recursive: true })
    const partial = path.join(broken, 'partials', 'story-card.eta')
    const source = await readFile(partial, 'utf8')
    await writeFile(partial, `${source}\n<%= it.noSuchField.deeper %>\n`)
    const line = await faultLine(['--templates', 'throwing-templates'])
    expect(line).toMatch(new RegExp(`^throwing-templates/partials/story-card\\.eta:${source.split('\n').length + 1}:\\d+  error  Cannot render .*: Cannot read properties of undefined \\(reading 'deeper'\\) \\(in \`partials/story-card\`\\)$`))
  })

  it('should say a full disk in one line and leave dist/ as it was (ENOSPC injected into the writes)', async () => {
    // The kernel's ENOSPC, as writeFileSync raises it, from the fourth file written into the staging folder on.
    const inject = path.join(project, 'enospc.mjs')
    await writeFile(
      inject,
      [
        "import fs from 'node:fs'",
        "import { syncBuiltinESMExports } from 'node:module'",
        'const original = fs.writeFileSync',
        'let written = 0',
        'fs.writeFileSync = function (file, ...rest) {',
        "  if (typeof file === 'string' && file.includes('.staging-') && ++written > 3) {",
        "    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { errno: -28, code: 'ENOSPC', syscall: 'write' })",
        '  }',
        '  return original.call(this, file, ...rest)',
        '}',
        'syncBuiltinESMExports()',
      ].join('\n'),
    )
    await writeArticles(project, 12, 1)
    expect(await faultLine(['--no-cache'], { NODE_OPTIONS: `--import=${inject}` })).toMatch(/^Cannot write `\.dist\.staging-\d+\/[^`]+`: no space left on the device \(ENOSPC\)$/)
  })

  it('should still exit 1, not 2, for content errors', async () => {
    await writeFile(path.join(project, 'content', 'world', 'bad.md'), '---\ntitle: Bad\ndate: 2026-02-30\n---\n\nText.\n')
    try {
      const run = await runCli(['build', '--no-search'], { cwd: project })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain('date-invalid')
    } finally {
      await rm(path.join(project, 'content', 'world', 'bad.md'))
    }
  }, 30_000)
})

describe('dateline build to an output path that is a symbolic link', () => {
  it('should write the site into the folder the link points to, and keep the link (issue 18, defect 6)', async () => {
    // dist/ is served from elsewhere: dist -> www/site.
    await mkdir(path.join(project, 'www'), { recursive: true })
    await rename(path.join(project, 'dist'), path.join(project, 'www', 'site'))
    await symlink(path.join('www', 'site'), path.join(project, 'dist'))
    try {
      await writeArticles(project, 12, 2)
      const run = await runCli(['build', '--no-search'], { cwd: project })
      expect(run.code, run.stderr).toBe(0)
      expect(await readlink(path.join(project, 'dist'))).toBe(path.join('www', 'site'))
      expect(await readFile(path.join(project, 'www', 'site', 'index.html'), 'utf8')).toContain('(v2)')
      // A rebuild that keeps pages links them from the folder the link points to.
      await writeFile(path.join(project, 'content', 'world', 'story-0.md'), (await readFile(path.join(project, 'content', 'world', 'story-0.md'), 'utf8')).replace('voted 7 to 2', 'voted 8 to 1'))
      const again = await runCli(['build', '--no-search'], { cwd: project })
      expect(again.code, again.stderr).toBe(0)
      expect((await lstat(path.join(project, 'dist'))).isSymbolicLink()).toBe(true)
      expect(await readFile(path.join(project, 'dist', 'world', 'story-0', 'index.html'), 'utf8')).toContain('voted 8 to 1')
      expect((await readdir(path.join(project, 'www'))).sort()).toEqual(['site'])
    } finally {
      await rm(path.join(project, 'dist'))
      await rename(path.join(project, 'www', 'site'), path.join(project, 'dist'))
      await writeArticles(project, 12)
      const restore = await runCli(['build', '--no-search'], { cwd: project })
      expect(restore.code, restore.stderr).toBe(0)
      siteHash = await hashFolder(path.join(project, 'dist'))
    }
  }, 60_000)

  it('should refuse a link to nothing in one line with exit code 2', async () => {
    await symlink(path.join(project, 'nowhere'), path.join(project, 'dangling'))
    expect(await faultLine(['--out', 'dangling'])).toBe(`Cannot write the site to \`${path.join(project, 'dangling')}\`: it is a symbolic link to \`${path.join(project, 'nowhere')}\`, which does not exist`)
  })
})

describe('the swap of dist/ (issue 18, defect 8)', () => {
  /** A preload that wraps every rename the CLI makes (sync and promise), calling `onRename(from, to)` first. */
  async function renamePreload(name: string, onRename: string): Promise<string> {
    const file = path.join(project, name)
    await writeFile(
      file,
      [
        "import fs from 'node:fs'",
        "import fsPromises from 'node:fs/promises'",
        "import { syncBuiltinESMExports } from 'node:module'",
        `const onRename = ${onRename}`,
        'const renameSync = fs.renameSync',
        'const rename = fsPromises.rename',
        'fs.renameSync = (from, to) => { onRename(String(from), String(to)); return renameSync(from, to) }',
        'fsPromises.rename = async (from, to) => { onRename(String(from), String(to)); return rename(from, to) }',
        'syncBuiltinESMExports()',
      ].join('\n'),
    )
    return file
  }

  it('should move the new site in right after moving the old one aside, with nothing run between', async () => {
    const log = path.join(project, 'swap.log')
    // A microtask queued at the first rename runs before the second one if anything ran between them.
    const preload = await renamePreload(
      'swap-watch.mjs',
      `(() => {
        let open = null
        return (from, to) => {
          if (/\\.previous-\\d+$/.test(to)) {
            open = { target: from, ranBetween: false }
            const swap = open
            queueMicrotask(() => { swap.ranBetween = true })
          } else if (open !== null && /\\.staging-\\d+$/.test(from) && to === open.target) {
            fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ ranBetween: open.ranBetween }) + '\\n')
            open = null
          }
        }
      })()`,
    )
    await writeArticles(project, 12, 3)
    const run = await runCli(['build', '--no-search'], { cwd: project, env: { NODE_OPTIONS: `--import=${preload}` } })
    expect(run.code, run.stderr).toBe(0)
    expect((await readFile(log, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual([{ ranBetween: false }])
    siteHash = await hashFolder(path.join(project, 'dist'))
  }, 30_000)

  it('should put the old dist/ back at once when moving the new site in fails', async () => {
    const preload = await renamePreload(
      'swap-fail.mjs',
      `(from, to) => {
        if (/\\.staging-\\d+$/.test(from) && to.endsWith('/dist')) throw Object.assign(new Error("EACCES: permission denied, rename '" + from + "' -> '" + to + "'"), { code: 'EACCES', syscall: 'rename', path: from, dest: to })
      }`,
    )
    await writeArticles(project, 12, 4)
    const line = await faultLine([], { NODE_OPTIONS: `--import=${preload}` }, { afterReport: true })
    expect(line).toMatch(/^Cannot move `\.dist\.staging-\d+`: permission denied \(EACCES\)$/)
  }, 30_000)
})
