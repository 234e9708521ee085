import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openPageStore, savePageStore } from '../../../src/cache/page-cache.js'
import { outputMarker } from '../../../src/write/write-site.js'

function written(): { cacheDir: string; outDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'dateline-pages-'))
  const outDir = path.join(root, 'dist')
  mkdirSync(path.join(outDir, 'world', 'a'), { recursive: true })
  writeFileSync(path.join(outDir, outputMarker), '')
  writeFileSync(path.join(outDir, 'world', 'a', 'index.html'), '<p>A</p>')
  return { cacheDir: path.join(root, '.cache', 'dateline'), outDir }
}

describe('page cache', () => {
  it('should give back a page written by the last build with its inputs', async () => {
    const { cacheDir, outDir } = written()
    await savePageStore(cacheDir, outDir, [{ path: 'world/a/index.html', contents: '<p>A</p>' }], new Map([['world/a/index.html', 'f1']]))
    const store = await openPageStore(cacheDir, outDir)
    expect(store?.inputs('world/a/index.html')).toBe('f1')
    expect(await store?.contents('world/a/index.html')).toBe('<p>A</p>')
  })

  it('should say what its pages were made with, when the build said', async () => {
    const { cacheDir, outDir } = written()
    await savePageStore(cacheDir, outDir, [{ path: 'world/a/index.html', contents: '<p>A</p>' }], new Map([['world/a/index.html', 'f1']]), [], new Map(), 'made-1')
    expect((await openPageStore(cacheDir, outDir))?.madeBy).toBe('made-1')
    await savePageStore(cacheDir, outDir, [{ path: 'world/a/index.html', contents: '<p>A</p>' }], new Map([['world/a/index.html', 'f1']]))
    expect((await openPageStore(cacheDir, outDir))?.madeBy).toBeUndefined()
  })

  it('should not reuse a page changed on disk since it was written', async () => {
    const { cacheDir, outDir } = written()
    await savePageStore(cacheDir, outDir, [{ path: 'world/a/index.html', contents: '<p>A</p>' }], new Map([['world/a/index.html', 'f1']]))
    writeFileSync(path.join(outDir, 'world', 'a', 'index.html'), '<p>Edited by hand</p>')
    expect(await (await openPageStore(cacheDir, outDir))?.contents('world/a/index.html')).toBeUndefined()
  })

  it('should have nothing for another output folder', async () => {
    const { cacheDir, outDir } = written()
    await savePageStore(cacheDir, outDir, [{ path: 'world/a/index.html', contents: '<p>A</p>' }], new Map([['world/a/index.html', 'f1']]))
    expect(await openPageStore(cacheDir, `${outDir}-other`)).toBeUndefined()
  })

  it('should hand over an unchanged page as a file to link, and nothing when it changed on disk', async () => {
    const { cacheDir, outDir } = written()
    await savePageStore(cacheDir, outDir, [{ path: 'world/a/index.html', contents: '<p>A</p>' }], new Map([['world/a/index.html', 'f1']]))
    const kept = await (await openPageStore(cacheDir, outDir))?.kept?.('world/a/index.html')
    expect(kept).toEqual({ path: 'world/a/index.html', from: path.join(outDir, 'world', 'a', 'index.html'), size: 8 })
    // A kept page is recorded again by the build that links it, with its size.
    await savePageStore(cacheDir, outDir, [], new Map([['world/a/index.html', 'f1']]), kept === undefined ? [] : [kept])
    expect((await openPageStore(cacheDir, outDir))?.inputs('world/a/index.html')).toBe('f1')
    writeFileSync(path.join(outDir, 'world', 'a', 'index.html'), '<p>Edited by hand</p>')
    expect(await (await openPageStore(cacheDir, outDir))?.kept?.('world/a/index.html')).toBeUndefined()
  })
})
