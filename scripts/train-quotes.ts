/**
 * Trains the speaker model (src/quotes/model.ts) on PolNeAR's training articles and writes
 * src/quotes/speaker-model.json. Deterministic: the same data gives the same file, byte for
 * byte. Reads `../shared/eval/` (never copied into the project: the texts are the
 * publishers'); only learnt weights are written.
 *
 *   npm run train:quotes                  # train, calibrate, write the weights, report on dev
 *   npm run train:quotes -- --check       # train and compare with the committed file; exit 1 if it differs
 *   npm run train:quotes -- --eval-only   # report the committed model on dev
 *
 * 1. Every training article goes through the quote engine with the model switched off; for
 *    each kept quotation the engine's candidates (candidates.ts) are read, and the quotation is
 *    matched to a gold quote (token overlap ≥ 0.8, as the scorer does).
 * 2. A candidate is right when its name matches the gold speaker (the scorer's rule); "nobody"
 *    is right when the gold has no speaker.
 * 3. Log-linear ranker: maximise Σ log P(right candidates) − λ/2‖w‖², full-batch Adam.
 * 4. Calibration: five folds of articles; each fold is scored by a model trained on the other
 *    four, and σ(a·logit p + b) is fitted on those held-out scores (Newton's method).
 * 5. `polnear-dev.jsonl` is only scored, never trained on: accuracy, calibration error and
 *    published precision/coverage per threshold, to choose the site's default threshold.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Candidate } from '../src/quotes/candidates.js'
import { extractQuotes } from '../src/quotes/index.js'
import { readGoldRecords, type GoldQuote, type GoldRecord } from './gold-records.js'
import { decide, modelFromFile, rulesDecision, type SpeakerModel, type SpeakerModelFile } from '../src/quotes/model.js'

// npm runs scripts from the project root (the bundle itself lives in .cache/scripts/).
const root = process.cwd()
const evalDir = resolve(root, process.env['DATELINE_EVAL_DIR'] ?? '../shared/eval')
const outPath = join(root, 'src/quotes/speaker-model.json')
const args = process.argv.slice(2)

interface Scorer {
  readonly overlap: (a: string, b: string) => number
  readonly speakerMatch: (gold: string | null, pred: string | null) => boolean
}

/** One kept quotation matched to a gold quote: its candidates as feature indexes, which are right. */
interface Example {
  readonly article: number
  readonly candidates: readonly Int32Array[]
  readonly right: readonly boolean[]
  /** The candidate the rules decide on (model.ts, `rulesDecision`), or -1. */
  readonly fixed: number
  /** The gold quote has a speaker (the population the scorer measures). */
  readonly hasGoldSpeaker: boolean
}

const scorer = (await import(join(evalDir, 'score.mjs'))) as Scorer

function readRecords(name: string): GoldRecord[] {
  return readGoldRecords(join(evalDir, name))
}

interface RawExample {
  readonly article: number
  readonly candidates: readonly Candidate[]
  readonly gold: GoldQuote
}

/** The engine's candidates for every quotation of every record that matches a gold quote. */
function collect(records: readonly GoldRecord[]): RawExample[] {
  const out: RawExample[] = []
  records.forEach((record, article) => {
    const found: { text: string; candidates: readonly Candidate[] }[] = []
    extractQuotes(
      { text: record.text, paragraphs: record.paragraphs.slice(1) },
      { model: null, trace: (_i, candidates, span) => found.push({ text: record.text.slice(span.start, span.end), candidates }) },
    )
    // One-to-one greedy matching, highest overlap first (score.mjs).
    const pairs: { g: number; p: number; o: number }[] = []
    record.quotes.forEach((g, gi) =>
      found.forEach((p, pi) => {
        const o = scorer.overlap(g.text, p.text)
        if (o >= 0.8) pairs.push({ g: gi, p: pi, o })
      }),
    )
    pairs.sort((a, b) => b.o - a.o || a.g - b.g || a.p - b.p)
    const usedG = new Set<number>()
    const usedP = new Set<number>()
    for (const pair of pairs) {
      if (usedG.has(pair.g) || usedP.has(pair.p)) continue
      usedG.add(pair.g)
      usedP.add(pair.p)
      out.push({ article, candidates: (found[pair.p] as (typeof found)[number]).candidates, gold: record.quotes[pair.g] as GoldQuote })
    }
  })
  return out
}

function isRight(gold: GoldQuote, candidate: Candidate): boolean {
  if (candidate.entry === undefined) return gold.speaker === null
  return gold.speaker !== null && scorer.speakerMatch(gold.speaker, candidate.entry.name)
}

const MIN_COUNT = 3
const L2 = Number(process.env['DATELINE_TRAIN_L2'] ?? '0.5')
const EPOCHS = 300
const RATE = 0.05

function featureIndex(raw: readonly RawExample[]): string[] {
  const counts = new Map<string, number>()
  for (const ex of raw) for (const c of ex.candidates) for (const f of c.features) counts.set(f, (counts.get(f) ?? 0) + 1)
  return [...counts.entries()]
    .filter(([, n]) => n >= MIN_COUNT)
    .map(([f]) => f)
    .sort()
}

function toExamples(raw: readonly RawExample[], features: readonly string[]): Example[] {
  const index = new Map(features.map((f, i) => [f, i]))
  return raw.map((ex) => ({
    article: ex.article,
    candidates: ex.candidates.map((c) => Int32Array.from(c.features.flatMap((f) => (index.has(f) ? [index.get(f) as number] : [])))),
    right: ex.candidates.map((c) => isRight(ex.gold, c)),
    fixed: rulesDecision(ex.candidates),
    hasGoldSpeaker: ex.gold.speaker !== null,
  }))
}

function softmax(w: Float64Array, candidates: readonly Int32Array[]): Float64Array {
  const p = new Float64Array(candidates.length)
  let max = -Infinity
  candidates.forEach((c, i) => {
    let s = 0
    for (const f of c) s += w[f] as number
    p[i] = s
    if (s > max) max = s
  })
  let sum = 0
  for (let i = 0; i < p.length; i++) {
    p[i] = Math.exp((p[i] as number) - max)
    sum += p[i] as number
  }
  for (let i = 0; i < p.length; i++) p[i] = (p[i] as number) / sum
  return p
}

/** Full-batch Adam on the negative log-likelihood of the right candidates, with an L2 penalty. */
function train(examples: readonly Example[], size: number): Float64Array {
  const w = new Float64Array(size)
  const m = new Float64Array(size)
  const v = new Float64Array(size)
  const grad = new Float64Array(size)
  const usable = examples.filter((ex) => ex.right.some(Boolean))
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    grad.fill(0)
    for (const ex of usable) {
      const p = softmax(w, ex.candidates)
      let pRight = 0
      ex.right.forEach((r, i) => {
        if (r) pRight += p[i] as number
      })
      // d(−log Σ_right p)/d score_i = p_i − [i right]·p_i / pRight
      ex.candidates.forEach((c, i) => {
        const g = (p[i] as number) - (ex.right[i] === true ? (p[i] as number) / pRight : 0)
        if (g !== 0) for (const f of c) grad[f] = (grad[f] as number) + g
      })
    }
    for (let f = 0; f < size; f++) {
      const g = (grad[f] as number) / usable.length + (L2 * (w[f] as number)) / usable.length
      m[f] = 0.9 * (m[f] as number) + 0.1 * g
      v[f] = 0.999 * (v[f] as number) + 0.001 * g * g
      const mh = (m[f] as number) / (1 - 0.9 ** epoch)
      const vh = (v[f] as number) / (1 - 0.999 ** epoch)
      w[f] = (w[f] as number) - (RATE * mh) / (Math.sqrt(vh) + 1e-8)
    }
  }
  return w
}

/** The chosen candidate's probability and whether it is a right, named speaker. */
function chosen(w: Float64Array, ex: Example): { p: number; right: boolean; named: boolean } {
  const p = softmax(w, ex.candidates)
  let best = 0
  for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[best] as number)) best = i
  if (ex.fixed >= 0) best = ex.fixed
  return { p: p[best] as number, right: ex.right[best] === true && best !== 0, named: best !== 0 }
}

/** Platt scaling on held-out scores: σ(a·logit p + b), fitted by Newton's method. */
function fitCalibration(points: readonly { p: number; right: boolean }[]): { slope: number; intercept: number } {
  let a = 1
  let b = 0
  const logit = (p: number): number => {
    const c = Math.min(1 - 1e-6, Math.max(1e-6, p))
    return Math.log(c / (1 - c))
  }
  for (let iter = 0; iter < 50; iter++) {
    let ga = 0
    let gb = 0
    let haa = 1e-6
    let hab = 0
    let hbb = 1e-6
    for (const { p, right } of points) {
      const x = logit(p)
      const q = 1 / (1 + Math.exp(-(a * x + b)))
      const d = q - (right ? 1 : 0)
      ga += d * x
      gb += d
      const h = q * (1 - q)
      haa += h * x * x
      hab += h * x
      hbb += h
    }
    const det = haa * hbb - hab * hab
    const da = (hbb * ga - hab * gb) / det
    const db = (haa * gb - hab * ga) / det
    a -= da
    b -= db
    if (Math.abs(da) + Math.abs(db) < 1e-10) break
  }
  return { slope: a, intercept: b }
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000 || 0
}

function trainFile(): SpeakerModelFile {
  const started = Date.now()
  const articles = readRecords('polnear-train.jsonl')
  const raw = collect(articles)
  const features = featureIndex(raw)
  const examples = toExamples(raw, features)
  const oracle = examples.filter((ex) => ex.hasGoldSpeaker && ex.right.some((r, i) => r && i > 0)).length
  const withSpeaker = examples.filter((ex) => ex.hasGoldSpeaker).length
  console.error(`train: ${articles.length} articles, ${examples.length} matched quotes, ${features.length} features; right speaker among candidates for ${oracle}/${withSpeaker} (${((100 * oracle) / withSpeaker).toFixed(1)} %)`)

  // Held-out folds for calibration.
  const FOLDS = 5
  const heldOut: { p: number; right: boolean }[] = []
  for (let fold = 0; fold < FOLDS; fold++) {
    const w = train(examples.filter((ex) => ex.article % FOLDS !== fold), features.length)
    for (const ex of examples) {
      if (ex.article % FOLDS !== fold || !ex.hasGoldSpeaker) continue
      const c = chosen(w, ex)
      if (c.named) heldOut.push({ p: c.p, right: c.right })
    }
  }
  const calibration = fitCalibration(heldOut)
  const foldAcc = heldOut.filter((h) => h.right).length / withSpeaker
  console.error(`train: held-out folds, speaker accuracy ${foldAcc.toFixed(3)}; calibration slope ${calibration.slope.toFixed(3)}, intercept ${calibration.intercept.toFixed(3)}`)

  const w = train(examples, features.length)
  const weights: Record<string, number> = {}
  features.forEach((f, i) => {
    const value = round4(w[i] as number)
    if (value !== 0) weights[f] = value
  })
  console.error(`train: done in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return {
    model: 'dateline speaker ranker 1 (log-linear over candidates; src/quotes/candidates.ts, src/quotes/model.ts)',
    provenance: `Trained by scripts/train-quotes.ts on PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018), train compartment: ${articles.length} articles, ${examples.length} quotes. Weights only; no article text.`,
    calibration: { slope: round4(calibration.slope), intercept: round4(calibration.intercept) },
    weights,
  }
}

/** Accuracy, calibration and published precision/coverage of a model on dev. */
function report(model: SpeakerModel): void {
  const dev = readRecords('polnear-dev.jsonl')
  const rules = collect(dev)
  let n = 0
  let ok = 0
  let oracle = 0
  let rulesOk = 0
  let choseNobody = 0
  const points: { c: number; right: boolean }[] = []
  const byRule = new Map<string, { n: number; rules: number; model: number }>()
  for (const ex of rules) {
    if (ex.gold.speaker === null) continue
    n++
    if (ex.candidates.some((c) => c.entry !== undefined && isRight(ex.gold, c))) oracle++
    const rulesChoice = ex.candidates.find((c) => c.rule !== undefined)
    const rulesRight = rulesChoice !== undefined && isRight(ex.gold, rulesChoice)
    if (rulesRight) rulesOk++
    const rule = rulesChoice?.rule ?? 'none'
    // The engine's own decision (src/quotes/model.ts), so these figures are the build's.
    const decision = decide(model, ex.candidates, rulesDecision(ex.candidates))
    const c = ex.candidates[decision.index] as Candidate
    const right = c.entry !== undefined && isRight(ex.gold, c)
    if (right) ok++
    if (c.entry === undefined) choseNobody++
    const r = byRule.get(rule) ?? { n: 0, rules: 0, model: 0 }
    r.n++
    if (rulesRight) r.rules++
    if (right) r.model++
    byRule.set(rule, r)
    if (args.includes('--errors') && !right) console.log(`error: gold=${ex.gold.speaker} chose=${c.entry?.name ?? 'nobody'} rules=${rulesChoice?.entry?.name ?? 'nobody'} [${rule}] | ${ex.gold.text.slice(0, 50)}`)
    points.push({ c: decision.confidence, right })
  }
  const bins = Array.from({ length: 10 }, () => ({ n: 0, c: 0, ok: 0 }))
  for (const { c, right } of points) {
    const b = bins[Math.min(9, Math.floor(c * 10))] as { n: number; c: number; ok: number }
    b.n++
    b.c += c
    if (right) b.ok++
  }
  const ece = bins.reduce((a, b) => a + (b.n === 0 ? 0 : (b.n / points.length) * Math.abs(b.c / b.n - b.ok / b.n)), 0)
  console.log(`dev: speaker accuracy ${(ok / n).toFixed(3)} (${ok}/${n} matched quotes with a gold speaker), ece ${ece.toFixed(3)}; rules alone ${(rulesOk / n).toFixed(3)}; right speaker among candidates ${(oracle / n).toFixed(3)}; chose nobody ${choseNobody}`)
  for (const [rule, r] of [...byRule.entries()].sort((a, b) => b[1].n - a[1].n)) console.log(`dev:   ${rule}: ${r.n} quotes, rules ${r.rules}, model ${r.model}`)
  for (const threshold of [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97]) {
    const published = points.filter((pt) => pt.c >= threshold)
    const right = published.filter((pt) => pt.right).length
    console.log(`dev: threshold ${threshold.toFixed(2)}: published precision ${(right / Math.max(1, published.length)).toFixed(3)}, coverage ${(published.length / n).toFixed(3)}`)
  }
}

if (args.includes('--eval-only')) {
  report(modelFromFile(JSON.parse(readFileSync(outPath, 'utf8')) as SpeakerModelFile))
} else {
  const file = trainFile()
  const json = JSON.stringify(file, null, 1) + '\n'
  if (args.includes('--check')) {
    const same = readFileSync(outPath, 'utf8') === json
    console.log(same ? 'train: the committed weights are reproduced byte for byte' : 'train: the committed weights differ from a fresh training run')
    process.exitCode = same ? 0 : 1
  } else {
    writeFileSync(outPath, json)
    console.log(`train: wrote ${outPath}`)
    report(modelFromFile(file))
  }
}
