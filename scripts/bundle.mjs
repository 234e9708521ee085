#!/usr/bin/env node
// Compiles src/ into lib/ (run by `npm install` through `prepare`, and before the tests). One
// bundle instead of ~400 small modules cuts the CLI's start-up from ~0.7 s to ~0.2 s: Node 20
// spends most of a cold start resolving and reading files. Type checking is separate:
// `npx tsc --noEmit`.
import { rm } from 'node:fs/promises'
import { build } from 'esbuild'

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
}

await rm(new URL('../lib/', import.meta.url), { recursive: true, force: true })
await Promise.all([
  build({
    ...shared,
    // The search shard worker shares the main bundle's chunks; each worker thread loads its
    // own instance of them, so its own Pagefind process (src/search/index.ts). It is compiled
    // to lib/cli/search-shard.js, where the CLI and the tests look for it.
    entryPoints: { 'cli/main': 'src/cli/main.ts', 'cli/search-shard': 'src/search/shard-worker.ts' },
    outdir: 'lib',
    splitting: true,
    format: 'esm',
    // piscina finds its own worker script next to its files (`__dirname`): it is loaded from
    // node_modules as installed.
    external: ['piscina'],
    // Some dependencies are CommonJS and call require(): give the ESM bundle one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    chunkNames: 'chunks/[name]-[hash]',
  }),
  // The parse worker is a CommonJS file of its own. piscina loads a worker with require()
  // first, and on Node 20.19+ require() of an ES module goes through require(esm): a thread
  // stopped while it loads one that way (a timed-out parse's replacement thread when the pool
  // closes) aborts the whole process with a V8 fatal error ("IsGraphAsync must be used on an
  // instantiated module"). Plain CommonJS has no such path.
  build({
    ...shared,
    entryPoints: ['src/pool/parse-worker.ts'],
    outfile: 'lib/pool/parse-worker.cjs',
    format: 'cjs',
  }),
])
