/**
 * Determinism: the same content builds to byte-identical `dist/`, run after run and in any
 * time zone of the build machine (the real CLI, spawned with `TZ`).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashFolder, repoRoot, runCli, writeArticles } from '../hostile/cli-site.js'

let project: string
const hashes: Record<string, string> = {}

async function buildWith(out: string, tz: string, cache: 'cache' | 'no-cache' = 'no-cache'): Promise<string> {
  const run = await runCli(['build', '--out', out, ...(cache === 'no-cache' ? ['--no-cache'] : [])], { cwd: project, env: { TZ: tz } })
  expect(run.code, run.stderr).toBe(0)
  return hashFolder(path.join(project, out))
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'dateline-determinism-'))
  // A copy of the templates, so the site under test cannot change while the test runs.
  await cp(path.join(repoRoot, 'templates'), path.join(project, 'templates'), { recursive: true })
  await writeArticles(project, 60)
  hashes['first, TZ=UTC'] = await buildWith('dist-a', 'UTC')
  // The second build fills and reads the parse cache; the others parse every file.
  hashes['second, TZ=UTC'] = await buildWith('dist-b', 'UTC', 'cache')
  hashes['TZ=Pacific/Kiritimati'] = await buildWith('dist-c', 'Pacific/Kiritimati')
  hashes['TZ=Pacific/Pago_Pago'] = await buildWith('dist-d', 'Pacific/Pago_Pago')
  console.log(`determinism: ${Object.entries(hashes).map(([name, hash]) => `${name} sha256:${hash}`).join('; ')}`)
}, 60_000)

afterAll(async () => {
  await rm(project, { recursive: true, force: true })
})

describe('deterministic builds', () => {
  it('should build byte-identical dist/ twice from the same content', () => {
    expect(hashes['second, TZ=UTC']).toBe(hashes['first, TZ=UTC'])
  })

  it('should build byte-identical dist/ under TZ=Pacific/Kiritimati (UTC+14) and TZ=UTC', () => {
    expect(hashes['TZ=Pacific/Kiritimati']).toBe(hashes['first, TZ=UTC'])
  })

  it('should build byte-identical dist/ under TZ=Pacific/Pago_Pago (UTC-11) and TZ=UTC', () => {
    expect(hashes['TZ=Pacific/Pago_Pago']).toBe(hashes['first, TZ=UTC'])
  })
})
