#!/usr/bin/env node
// `npm run bench [-- N]`: build a generated corpus of N news articles (default 1000) with
// the compiled CLI, the way a newsroom would, and print where the time goes:
//   cold     no cache, no output (the quote engine on, as in every timed run)
//   no-quotes   the same with --no-attribution, so the quote engine's share shows
//   rebuild  one article edited, cache warm: the one-shot command again
//   watch    `dateline dev`, one article edited, until it logs `rebuilt … in N ms`
// `npm run bench -- N --attribution-cost [--rounds=R]` instead times what attribution costs
// (issue #3): R rounds (default 8) of a fresh build with it and one with --no-attribution,
// each from an empty cache and output, alternating so a VM's drift hits both; it prints
// every round and the medians.
// It is a script, not a test: numbers depend on the machine. The corpus comes from
// scripts/gen-corpus.mjs (a copy of the peers harness generator: the same N gives the
// same bytes), in /dev/shm when there is one, so the disk does not time itself.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { appendFile, mkdir, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bin = path.join(root, 'bin', 'dateline.js')
const args = process.argv.slice(2)
const n = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1000)
const costRounds = args.includes('--attribution-cost') ? Number(/^--rounds=(\d+)$/.exec(args.find((arg) => arg.startsWith('--rounds=')) ?? '')?.[1] ?? 8) : 0
const watchRuns = 3
const base = path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `dateline-bench-${n}`)
const contentDir = path.join(base, 'content')
const articlesDir = path.join(contentDir, 'articles')
const outDir = path.join(base, 'out')
// `dev` writes its preview to a folder of its own: it refuses a folder a build wrote.
const previewDir = path.join(base, 'preview')
const cacheDir = path.join(base, '.cache')

/** Run a command; resolve with its stderr+stdout and wall time. */
function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(process.execPath, args, { cwd: base, ...options })
    let text = ''
    child.stdout.on('data', (chunk) => (text += chunk))
    child.stderr.on('data', (chunk) => (text += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, text, ms: performance.now() - started }))
  })
}

/** The `--timings` table as numbers: `{ load: 12.3, …, articlesPerSecond, rssMb }`. */
function readTimings(text) {
  const stages = {}
  for (const match of text.matchAll(/^ {2}(load|parse|site|render|write|total) +([\d.]+) ms$/gm)) stages[match[1]] = Number(match[2])
  const speed = /(\d+) articles\/s, peak RSS (\d+) MB/.exec(text)
  return { ...stages, articlesPerSecond: Number(speed?.[1] ?? 0), rssMb: Number(speed?.[2] ?? 0) }
}

async function build(extra = []) {
  const result = await run([bin, 'build', '--content', contentDir, '--out', outDir, '--timings', ...extra])
  if (!/Built \d+ articles?/.test(result.text)) throw new Error(`build failed:\n${result.text.slice(-2000)}`)
  return { wallMs: result.ms, ...readTimings(result.text) }
}

async function watch(file) {
  const child = spawn(process.execPath, [bin, 'dev', '--content', contentDir, '--out', previewDir, '--port', '0'], { cwd: base })
  let log = ''
  const waiters = []
  const onData = (chunk) => {
    log += chunk
    for (const waiter of [...waiters]) waiter()
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  const waitFor = (pattern, count) =>
    new Promise((resolve) => {
      const check = () => {
        const found = log.match(new RegExp(pattern.source, 'g')) ?? []
        if (found.length >= count) {
          waiters.splice(waiters.indexOf(check), 1)
          resolve(found)
        }
      }
      waiters.push(check)
      check()
    })
  await waitFor(/watching/, 1)
  await new Promise((resolve) => setTimeout(resolve, 1500))
  const samples = []
  for (let index = 1; index <= watchRuns; index++) {
    const started = performance.now()
    await appendFile(file, `\nA correction was appended for watch run ${index}.\n`)
    const lines = await waitFor(/rebuilt .* in \d+ ms/, index)
    samples.push({ wallMs: performance.now() - started, ownMs: Number(/in (\d+) ms/.exec(lines.at(-1))?.[1]) })
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  child.kill('SIGINT')
  await new Promise((resolve) => child.on('close', resolve))
  return samples
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

if (!existsSync(articlesDir)) {
  await mkdir(contentDir, { recursive: true })
  const made = await run([path.join(root, 'scripts', 'gen-corpus.mjs'), articlesDir, String(n)])
  if (made.code !== 0) throw new Error(made.text)
}

if (costRounds > 0) {
  const rounds = []
  for (let round = 1; round <= costRounds; round++) {
    const times = {}
    for (const [name, extra] of [['on', []], ['off', ['--no-attribution']]]) {
      await rm(cacheDir, { recursive: true, force: true })
      await rm(outDir, { recursive: true, force: true })
      times[name] = (await build(extra)).wallMs
    }
    rounds.push(times)
    console.log(`round ${round}: attribution on ${Math.round(times.on)} ms, off ${Math.round(times.off)} ms, on/off ${(times.on / times.off).toFixed(3)}`)
  }
  const on = median(rounds.map((times) => times.on))
  const off = median(rounds.map((times) => times.off))
  console.log(`# attribution cost: ${n} articles, ${costRounds} rounds, node ${process.version}`)
  console.log(`median on ${Math.round(on)} ms, off ${Math.round(off)} ms: ${(((on / off) - 1) * 100).toFixed(1)} % slower; median of the rounds' on/off ${median(rounds.map((times) => times.on / times.off)).toFixed(3)}`)
  process.exit(0)
}

const names = (await readdir(articlesDir)).sort()
const edited = path.join(articlesDir, names[Math.floor(names.length / 2)])

await rm(cacheDir, { recursive: true, force: true })
await rm(outDir, { recursive: true, force: true })
const cold = await build()
await rm(outDir, { recursive: true, force: true })
const noQuotes = await build(['--no-cache', '--no-attribution'])
await appendFile(edited, '\nA correction was appended for the rebuild.\n')
const rebuild = await build()
const watched = await watch(edited)

const rows = [
  ['cold', cold],
  ['no-quotes', noQuotes],
  ['rebuild', rebuild],
]
const columns = ['load', 'parse', 'site', 'render', 'write', 'total']
console.log(`# dateline bench: ${n} articles in ${contentDir}, node ${process.version}`)
console.log()
console.log(`| run | wall ms | ${columns.join(' ms | ')} ms | articles/s | peak RSS MB |`)
console.log(`|---|${'---:|'.repeat(columns.length + 3)}`)
for (const [name, row] of rows) {
  console.log(`| ${name} | ${Math.round(row.wallMs)} | ${columns.map((column) => (row[column] ?? 0).toFixed(0)).join(' | ')} | ${row.articlesPerSecond} | ${row.rssMb} |`)
}
console.log()
console.log(`quotes (parse with the quote engine − without): ${Math.round(cold.parse - noQuotes.parse)} ms of ${Math.round(cold.parse)} ms parse`)
console.log(`watch rebuild after editing one article: median ${Math.round(median(watched.map((sample) => sample.wallMs)))} ms edit → log line, the tool's own figure ${median(watched.map((sample) => sample.ownMs))} ms (${watchRuns} runs)`)
