/**
 * Helpers for tests that run the real CLI on a generated site: write a few hundred tiny
 * articles into a temporary project, run `bin/dateline.js`, and hash an output folder.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))
export const cliPath = path.join(repoRoot, 'bin', 'dateline.js')

/** A seeded PRNG (mulberry32), so random kill moments repeat run to run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Write `count` small articles into `project/content/`, spread over sections, some with
 * date-times near midnight at UTC−11 and UTC+14 so a time zone would show. `version` changes every
 * article's text, so two versions build to different sites.
 */
export async function writeArticles(project: string, count: number, version = 0): Promise<void> {
  const sections = ['world', 'politics', 'business', 'science']
  // Dated two days back, so some stories fall in the news sitemap's two-day window.
  const base = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString().slice(0, 10)
  for (const section of sections) await mkdir(path.join(project, 'content', section), { recursive: true })
  await Promise.all(
    Array.from({ length: count }, (_, index) => {
      const section = sections[index % sections.length] as string
      const minute = String(index % 60).padStart(2, '0')
      const date = index % 3 === 0 ? `${base}T23:${minute}:00-11:00` : index % 3 === 1 ? `${base}T00:${minute}:00+14:00` : base
      const text = [
        '---',
        `title: Council story ${index} (v${version})`,
        `date: ${date}`,
        'byline: Jane Doe',
        `tags: [budget, district-${index % 7}]`,
        '---',
        '',
        `The council met on day ${index} and voted 7 to 2 on version ${version} of the plan.`,
        '',
        '"We will win this," said Mayor Ann Lee.',
        '',
      ].join('\n')
      return writeFile(path.join(project, 'content', section, `story-${index}.md`), text)
    }),
  )
}

/** SHA-256 of a folder: every file's relative path and bytes, in path order. */
export async function hashFolder(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
  const hash = createHash('sha256')
  for (const file of files) {
    hash.update(`${file}\0`)
    hash.update(await readFile(path.join(dir, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

export interface CliRun {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Start the CLI in `cwd`; `onStart` gets the child, for tests that kill it. */
export function runCli(args: readonly string[], options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv; readonly onStart?: (child: ChildProcess) => void }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
    options.onStart?.(child)
  })
}
