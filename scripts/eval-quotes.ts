/**
 * Dev measurement for the quote engine: runs `extractQuotes` over a gold JSONL file,
 * writes predictions in the scorer's format and prints the scorer's report plus a strict
 * (full-name) speaker score and the engine's cost per article.
 *
 *   npx tsx scripts/eval-quotes.ts ../shared/eval/dev-sample.jsonl [--errors 30] [--skip 1] [--dump]
 *
 * `--skip N` drops the first N paragraphs of each record (default: 1, the headline; the
 * seed record needs 2, `Watch CBSN Live` and the headline). The engine never sees them.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { extractQuotes, type QuoteResult } from '../src/quotes/index.js'
import { readGoldRecords } from './gold-records.js'


const args = process.argv.slice(2)
const goldPath = args.find((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'))
if (goldPath === undefined) throw new Error('Cannot evaluate without a gold file: `eval-quotes.ts GOLD.jsonl`')
const option = (name: string, fallback: string): string => {
  const i = args.indexOf(name)
  return i === -1 ? fallback : (args[i + 1] ?? fallback)
}
const skip = Number(option('--skip', '1'))
const records = readGoldRecords(goldPath)

const results: QuoteResult[] = []
for (const record of records) results.push(extractQuotes({ text: record.text, paragraphs: record.paragraphs.slice(skip) }))

// Cost: repeat the whole set until ~1 s has passed, after a warm-up.
for (let i = 0; i < 20; i++) for (const r of records) extractQuotes({ text: r.text, paragraphs: r.paragraphs.slice(skip) })
let runs = 0
const began = performance.now()
while (performance.now() - began < 1000) {
  for (const r of records) extractQuotes({ text: r.text, paragraphs: r.paragraphs.slice(skip) })
  runs++
}
const perArticle = (performance.now() - began) / (runs * records.length)
const meanKb = records.reduce((sum, r) => sum + r.text.length, 0) / records.length / 1024

const predictions = records.map((record, i) => {
  const result = results[i] as QuoteResult
  const names = new Map(result.people.map((p) => [p.id, p.name]))
  return {
    id: record.id,
    quotes: result.quotes.map((q) => ({
      text: q.text,
      start: q.start,
      end: q.end,
      speaker: q.speakerId === undefined ? null : (names.get(q.speakerId) ?? null),
      cue: q.cue ?? null,
      kind: q.kind,
      ...(args.includes('--dump') ? { rule: q.attribution?.rule ?? null } : {}),
    })),
  }
})
const predPath = join(tmpdir(), 'dateline-quotes-pred.jsonl')
writeFileSync(predPath, predictions.map((p) => JSON.stringify(p)).join('\n') + '\n')
if (args.includes('--dump')) for (const p of predictions) console.log(JSON.stringify(p))

const scorer = join(dirname(resolve(goldPath)), 'score.mjs')
const report = execFileSync('node', [scorer, goldPath, predPath, '--by-kind', '--errors', option('--errors', '0')], { encoding: 'utf8' })
process.stdout.write(report)

// Strict: the full normalised name must be equal (run-eval.mjs --strict).
const { normSpeaker, overlap } = (await import(scorer)) as {
  normSpeaker: (s: string | null) => string[]
  overlap: (a: string, b: string) => number
}
let n = 0
let ok = 0
for (const [i, record] of records.entries()) {
  const predicted = [...(predictions[i]?.quotes ?? [])]
  for (const g of record.quotes) {
    if (g.speaker === null) continue
    let best = -1
    let bestOverlap = 0.8
    predicted.forEach((p, j) => {
      const o = overlap(g.text, p.text)
      if (o >= bestOverlap) {
        bestOverlap = o
        best = j
      }
    })
    if (best < 0) continue
    n++
    if (normSpeaker(g.speaker).join(' ') === normSpeaker(predicted[best]?.speaker ?? null).join(' ')) ok++
    predicted.splice(best, 1)
  }
}
console.log(`speakerStrict=${n === 0 ? '0.000' : (ok / n).toFixed(3)} (${ok}/${n} matched quotes with the full name)`)
console.log(`cost=${perArticle.toFixed(3)} ms/article (mean ${meanKb.toFixed(1)} KB, ${runs} runs over ${records.length} records)`)
