/**
 * What identifies the parsing code in cache keys: Dateline's version plus a hash of its
 * compiled files. The version alone is not enough: between releases (and while the quote
 * engine is being tuned) the code changes under one version number, and a stale entry
 * would silently serve the old parser's answer.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * @param version Dateline's version from package.json.
 * @param codeDir The compiled code (`lib/`, about 4 MB: hashing it takes a few milliseconds).
 */
export async function codeIdentity(version: string, codeDir: string): Promise<string> {
  const hash = createHash('sha256').update(version)
  let names: string[]
  try {
    // `.cjs` too: the parse worker (`pool/parse-worker.cjs`) is CommonJS.
    names = (await readdir(codeDir, { recursive: true })).filter((name) => name.endsWith('.js') || name.endsWith('.cjs')).sort()
  } catch {
    // Running from sources (tests): no compiled files, so the version alone; tests use fresh caches.
    return hash.digest('hex').slice(0, 16)
  }
  for (const name of names) hash.update(`\0${name}\0`).update(await readFile(path.join(codeDir, name)))
  return hash.digest('hex').slice(0, 16)
}
