import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeChanged } from '../../../src/write/write-changed.js'

let folder: string
afterEach(() => rmSync(folder, { recursive: true, force: true }))

describe('writeChanged', () => {
  it('should write new and changed files, remove files the site no longer has, and say what the folder holds', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'dateline-changed-'))
    for (const name of ['same.html', 'edited.html', 'gone.html']) writeFileSync(path.join(folder, name), `old ${name}`)
    const same = 'old same.html'
    const previous = new Map<string, string | Uint8Array>([
      ['same.html', same],
      ['edited.html', 'old edited.html'],
      ['gone.html', 'old gone.html'],
    ])
    const files = [
      { path: 'same.html', contents: same },
      { path: 'edited.html', contents: 'new edited.html' },
      { path: 'world/new.html', contents: new TextEncoder().encode('new file') },
    ]
    const result = await writeChanged(files, previous, folder)
    expect(result.written).toEqual(['edited.html', 'world/new.html'])
    expect(result.removed).toEqual(['gone.html'])
    expect([...result.contents.keys()].sort()).toEqual(['edited.html', 'same.html', 'world/new.html'])
    expect(readFileSync(path.join(folder, 'edited.html'), 'utf8')).toBe('new edited.html')
    expect(readFileSync(path.join(folder, 'world', 'new.html'), 'utf8')).toBe('new file')
    expect(existsSync(path.join(folder, 'gone.html'))).toBe(false)
    // The previous map is left as it was.
    expect(previous.size).toBe(3)
    // Nothing changed the second time.
    expect(await writeChanged(files, result.contents, folder)).toMatchObject({ written: [], removed: [] })
  })
})
