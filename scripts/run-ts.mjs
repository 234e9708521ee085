#!/usr/bin/env node
// Runs a TypeScript script of this project: bundles it with esbuild (already a dev
// dependency) into .cache/scripts/ and runs the bundle with the remaining arguments.
//   node scripts/run-ts.mjs scripts/train-quotes.ts [args…]
import { spawnSync } from 'node:child_process'
import { basename } from 'node:path'
import { build } from 'esbuild'

const [entry, ...rest] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs SCRIPT.ts [args…]')
  process.exit(2)
}
const outfile = `.cache/scripts/${basename(entry).replace(/\.ts$/, '.mjs')}`
await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', logLevel: 'warning' })
const run = spawnSync(process.execPath, [outfile, ...rest], { stdio: 'inherit' })
process.exit(run.status ?? 1)
