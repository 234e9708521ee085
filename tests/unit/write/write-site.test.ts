import { mkdtemp, mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { pageBytes } from '../../../src/cache/page-cache.js'
import { outputMarker, removeTree, resolveInside, writeSite } from '../../../src/write/write-site.js'

async function tempRoot() {
  return mkdtemp(path.join(tmpdir(), 'dateline-write-'))
}

describe('writeSite', () => {
  it('should write the files and a marker, replacing the previous output whole', async () => {
    const root = await tempRoot()
    const out = path.join(root, 'dist')
    await writeSite([{ path: 'old.html', contents: 'old' }], out, { protectedPaths: [root] })
    await writeSite([{ path: 'a/index.html', contents: 'new' }], out, { protectedPaths: [] })
    expect((await readdir(out)).sort()).toEqual([outputMarker, 'a'].sort())
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('new')
    expect((await readdir(root)).sort()).toEqual(['dist'])
  })

  it('should link kept files from the output it replaces, so a rebuild rewrites only what changed', async () => {
    const root = await tempRoot()
    const out = path.join(root, 'dist')
    await writeSite([{ path: 'a/index.html', contents: 'kept page' }, { path: 'b/index.html', contents: 'old b' }], out, { protectedPaths: [] })
    const from = path.join(out, 'a/index.html')
    const inode = (await stat(from)).ino
    await writeSite([{ path: 'b/index.html', contents: 'new b' }], out, { protectedPaths: [], kept: [{ path: 'a/index.html', from, ...pageBytes('kept page') }] })
    expect(await readFile(path.join(out, 'a/index.html'), 'utf8')).toBe('kept page')
    expect((await stat(path.join(out, 'a/index.html'))).ino).toBe(inode)
    expect(await readFile(path.join(out, 'b/index.html'), 'utf8')).toBe('new b')
    expect((await readdir(root)).sort()).toEqual(['dist'])
  })

  it('should refuse to replace a folder that is not a Dateline output', async () => {
    const root = await tempRoot()
    const out = path.join(root, 'precious')
    await mkdir(out)
    await writeFile(path.join(out, 'thesis.tex'), 'years of work')
    await expect(writeSite([{ path: 'index.html', contents: 'x' }], out, { protectedPaths: [] })).rejects.toThrow(/not a Dateline output/)
    expect(await readFile(path.join(out, 'thesis.tex'), 'utf8')).toBe('years of work')
  })

  it('should refuse to write over the project root or the content folder', async () => {
    const root = await tempRoot()
    await expect(writeSite([], root, { protectedPaths: [root] })).rejects.toThrow(/must not be replaced/)
    await expect(writeSite([], path.dirname(root), { protectedPaths: [root] })).rejects.toThrow(/must not be replaced/)
  })

  it('should refuse a path outside the output folder and leave the old output intact', async () => {
    const root = await tempRoot()
    const out = path.join(root, 'dist')
    await writeSite([{ path: 'index.html', contents: 'v1' }], out, { protectedPaths: [] })
    await expect(writeSite([{ path: '../escape.html', contents: 'x' }], out, { protectedPaths: [] })).rejects.toThrow(/outside the output folder/)
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('v1')
    expect(await readdir(root)).toEqual(['dist'])
  })
})

describe('removeTree', () => {
  async function tree(root: string, name: string): Promise<string> {
    const dir = path.join(root, name)
    await mkdir(path.join(dir, 'a/b'), { recursive: true })
    await writeFile(path.join(dir, 'a/b/index.html'), 'page')
    await writeFile(path.join(dir, 'top.html'), 'page')
    return dir
  }

  it('should delete a folder and everything in it, and leave its siblings', async () => {
    const root = await tempRoot()
    await writeFile(path.join(root, 'sibling.txt'), 'stays')
    await removeTree(await tree(root, 'dist'))
    expect(await readdir(root)).toEqual(['sibling.txt'])
  })

  it('should take a folder whose name starts with a dash as a name, not an option', async () => {
    const root = await tempRoot()
    const dir = await tree(root, '-rf')
    await removeTree(dir)
    expect(await readdir(root)).toEqual([])
  })

  it('should do nothing for a folder that does not exist', async () => {
    const root = await tempRoot()
    await removeTree(path.join(root, 'missing'))
    expect(await readdir(root)).toEqual([])
  })

  it('should delete the folder without an `rm` program too', async () => {
    const root = await tempRoot()
    const dir = await tree(root, 'dist')
    const search = process.env.PATH
    process.env.PATH = path.join(root, 'no-programs-here')
    try {
      await removeTree(dir)
    } finally {
      process.env.PATH = search
    }
    expect(await readdir(root)).toEqual([])
  })
})

describe('resolveInside', () => {
  it('should never resolve outside the root (property)', () => {
    const root = path.resolve('/srv/site/dist')
    const segment = fc.oneof(fc.constantFrom('..', '.', '', '/', '\\', 'a', '..\\..', 'C:'), fc.string({ maxLength: 6 }))
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const relative = segments.join('/')
        let resolved: string | undefined
        try {
          resolved = resolveInside(root, relative)
        } catch {
          // Refused: exactly what an escaping path should get.
          return
        }
        expect(resolved.startsWith(root + path.sep)).toBe(true)
      }),
      { seed: 20261128, numRuns: 2000 },
    )
  })
})
