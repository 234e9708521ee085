import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hashText, openSourceIndex, saveSourceIndex, type SourceStamp } from '../../../src/cache/source-index.js'

const stamp: SourceStamp = { size: 120, mtimeMs: 1_700_000_000_123.25, ctimeMs: 1_700_000_000_456.5, ino: 4242 }
const longAfter = stamp.ctimeMs + 60_000

function saved(records = [{ sourcePath: 'world/a.md', stamp, textHash: hashText('text'), loadedAt: longAfter }], codeId = 'v1') {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'dateline-sources-'))
  saveSourceIndex(cacheDir, '/site/content', codeId, records)
  return cacheDir
}

describe('source index', () => {
  it('should give the text hash of a file whose stamp is the one recorded', () => {
    const index = openSourceIndex(saved(), '/site/content', 'v1')
    expect(index.hashOf('world/a.md', { ...stamp })).toBe(hashText('text'))
  })

  it('should know nothing of a file when any part of its stamp changed (property)', () => {
    const index = openSourceIndex(saved(), '/site/content', 'v1')
    fc.assert(
      fc.property(fc.constantFrom<keyof SourceStamp>('size', 'mtimeMs', 'ctimeMs', 'ino'), fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom(0.001, -0.25)).filter((d) => d !== 0), (part, delta) => {
        expect(index.hashOf('world/a.md', { ...stamp, [part]: stamp[part] + delta })).toBeUndefined()
      }),
    )
    expect(index.hashOf('world/b.md', stamp)).toBeUndefined()
    expect(index.hashOf('__proto__', stamp)).toBeUndefined()
  })

  it('should leave out a file modified or changed in the two seconds before it was read', () => {
    const records = [
      { sourcePath: 'modified.md', stamp: { ...stamp, mtimeMs: longAfter - 1_000 }, textHash: 'h1', loadedAt: longAfter },
      { sourcePath: 'changed.md', stamp: { ...stamp, ctimeMs: longAfter - 1_999 }, textHash: 'h2', loadedAt: longAfter },
      { sourcePath: 'settled.md', stamp: { ...stamp, ctimeMs: longAfter - 2_001 }, textHash: 'h3', loadedAt: longAfter },
    ]
    const index = openSourceIndex(saved(records), '/site/content', 'v1')
    expect(index.hashOf('modified.md', records[0]!.stamp)).toBeUndefined()
    expect(index.hashOf('changed.md', records[1]!.stamp)).toBeUndefined()
    expect(index.hashOf('settled.md', records[2]!.stamp)).toBe('h3')
  })

  it('should know nothing when the index was saved by other code, for another folder, or is damaged', () => {
    const cacheDir = saved()
    expect(openSourceIndex(cacheDir, '/site/content', 'v2').hashOf('world/a.md', stamp)).toBeUndefined()
    expect(openSourceIndex(cacheDir, '/other/content', 'v1').hashOf('world/a.md', stamp)).toBeUndefined()
    expect(openSourceIndex(mkdtempSync(path.join(tmpdir(), 'dateline-sources-')), '/site/content', 'v1').hashOf('world/a.md', stamp)).toBeUndefined()
    const [file] = readdirSync(cacheDir)
    for (const damaged of ['{"contentDir":"/site/content","codeId":"v1","files":{"world/a.md":[120]}}', '{"contentDir":"/site/content","codeId":"v1","files":null}', 'not json']) {
      writeFileSync(path.join(cacheDir, file!), damaged)
      expect(openSourceIndex(cacheDir, '/site/content', 'v1').hashOf('world/a.md', stamp)).toBeUndefined()
    }
  })
})
