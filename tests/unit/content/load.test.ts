import type { Dirent } from 'node:fs'
import { mkdtemp, mkdir, readdir, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeSource, decodeText } from '../../../src/content/decode.js'
import { loadConfigFile, loadFile, loadPeopleFile, loadSources } from '../../../src/content/load.js'
import { outputMarker } from '../../../src/write/write-site.js'

describe('decodeText', () => {
  it('should strip a BOM and normalise CRLF and CR', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0d, 0x0a, 0x62, 0x0d, 0x63]))).toBe('a\nb\nc')
  })
  it('should refuse invalid UTF-8', () => {
    expect(decodeText(new Uint8Array([0x61, 0xff, 0x62]))).toBeUndefined()
  })
  it('should refuse text with NUL bytes', () => {
    expect(decodeText(new TextEncoder().encode('a\u0000b'))).toBeUndefined()
  })
})

describe('decodeSource', () => {
  const utf8 = (text: string) => new TextEncoder().encode(text)
  const problemOf = (bytes: Uint8Array) => {
    const decoded = decodeSource(bytes)
    if (decoded.ok) throw new Error('expected the bytes to be refused')
    return decoded.problem
  }

  it('should name UTF-16 and UTF-32 by their byte order marks, not call them "not UTF-8"', () => {
    expect(problemOf(Uint8Array.from([0xff, 0xfe, 0x61, 0, 0x0a, 0]))).toEqual({ reason: 'Unexpected UTF-16 text (little-endian, byte order mark FF FE), expected UTF-8', line: 1, column: 1 })
    expect(problemOf(Uint8Array.from([0xfe, 0xff, 0, 0x61])).reason).toContain('UTF-16 text (big-endian, byte order mark FE FF)')
    expect(problemOf(Uint8Array.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0])).reason).toContain('UTF-32 text (little-endian, byte order mark FF FE 00 00)')
  })

  it('should point at a NUL byte in valid UTF-8 by line and column', () => {
    expect(problemOf(utf8('---\ntitle: x\n---\nThe coun\u0000cil met.\n'))).toEqual({ reason: 'Unexpected NUL byte (0x00), expected text without NUL bytes', line: 4, column: 9 })
  })

  it('should say when NUL bytes look like UTF-16 without a byte order mark', () => {
    const text = '---\ntitle: x\n'
    expect(problemOf(Uint8Array.from([...text].flatMap((c) => [0, c.charCodeAt(0)]))).reason).toContain('looks like UTF-16 text (big-endian) without a byte order mark')
    expect(problemOf(Uint8Array.from([...text].flatMap((c) => [c.charCodeAt(0), 0])))).toMatchObject({ line: 1, column: 2, reason: expect.stringContaining('(little-endian)') })
  })

  it('should give the offending byte and its line and column, counting CRLF, CR and a BOM as the text has them', () => {
    expect(problemOf(Uint8Array.from([...utf8('ab\r\ncd\rcaf'), 0xe9, 0x0a]))).toEqual({
      reason: 'Unexpected byte 0xE9, which is not UTF-8 here, expected a UTF-8 text file (text saved as Latin-1 or Windows-1252 has bytes like this)',
      line: 3,
      column: 4,
    })
    expect(problemOf(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xff]))).toMatchObject({ reason: expect.stringContaining('byte 0xFF'), line: 1, column: 2 })
    // A real U+FFFD (EF BF BD) is text: the bad byte is the overlong C0 after it.
    expect(problemOf(Uint8Array.from([...utf8('x\uFFFDy\n'), 0xc0, 0xaf]))).toMatchObject({ reason: expect.stringContaining('byte 0xC0'), line: 2, column: 1 })
    expect(problemOf(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])).reason).toBe('Unexpected byte 0x89, which is not UTF-8 here, expected a UTF-8 text file (the file looks like binary data)')
  })

  it('should say when the file ends inside a character', () => {
    expect(problemOf(Uint8Array.from([...utf8('abc'), 0xe2, 0x82]))).toEqual({ reason: 'Unexpected end of file inside a UTF-8 character that byte 0xE2 starts, expected a UTF-8 text file', line: 1, column: 4 })
  })

  it('should decode valid text as decodeText does', () => {
    expect(decodeSource(utf8('\uFEFFa\r\nb'))).toEqual({ ok: true, text: 'a\nb' })
  })
})

describe('loadSources', () => {
  it('should load .md and .txt in path order, skip dot-files, and refuse links, bad bytes and big files', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-load-'))
    const content = path.join(root, 'content')
    await mkdir(path.join(content, 'world'), { recursive: true })
    await writeFile(path.join(content, 'world', 'b.md'), 'b')
    await writeFile(path.join(content, 'a.txt'), 'a')
    await writeFile(path.join(content, '.hidden.md'), 'h')
    await writeFile(path.join(content, 'notes.json'), '{}')
    await writeFile(path.join(content, 'bad.md'), new Uint8Array([0xff, 0xfe, 0x00]))
    await writeFile(path.join(content, 'big.md'), 'x'.repeat(2000))
    await writeFile(path.join(root, 'outside.md'), 'secret')
    await symlink(path.join(root, 'outside.md'), path.join(content, 'link.md'))
    const files = await loadSources(content, { cwd: root, maxFileSize: 1000 })
    expect(files.map((f) => [f.data.sourcePath, f.messages.map((m) => m.ruleId)])).toEqual([
      ['a.txt', []],
      ['bad.md', ['file-encoding']],
      ['big.md', ['file-too-large']],
      ['link.md', ['file-symlink']],
      ['world/b.md', []],
    ])
    expect(files.find((f) => f.data.sourcePath === 'link.md')?.value).toBe('')
    const bad = files.find((f) => f.data.sourcePath === 'bad.md')?.messages[0]
    expect([bad?.reason, bad?.line, bad?.column]).toEqual(['Unexpected UTF-16 text (little-endian, byte order mark FF FE), expected UTF-8', 1, 1])
    expect(files[0]?.path).toBe(path.join('content', 'a.txt'))
  })
})

describe('loadPeopleFile', () => {
  it('should read `people.yml` beside the articles, and say when there is none', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-people-'))
    const content = path.join(root, 'content')
    await mkdir(content, { recursive: true })
    expect(await loadPeopleFile(content, { cwd: root })).toBeUndefined()
    await writeFile(path.join(content, 'people.yml'), '- name: Jane Doe\r\n')
    const file = await loadPeopleFile(content, { cwd: root })
    expect([file?.path, file?.value, file?.messages]).toEqual([path.join('content', 'people.yml'), '- name: Jane Doe\n', []])
    // It is no article: the walk leaves it out.
    expect((await loadSources(content, { cwd: root })).map((f) => f.data.sourcePath)).toEqual([])
  })

  it('should refuse a linked, undecodable or oversized people file with a message, never follow the link', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-people-'))
    const content = path.join(root, 'content')
    await mkdir(content, { recursive: true })
    await writeFile(path.join(root, 'outside.yml'), '- name: Secret\n')
    await symlink(path.join(root, 'outside.yml'), path.join(content, 'people.yml'))
    const linked = await loadPeopleFile(content, { cwd: root })
    expect([linked?.value, linked?.data.unreadable, linked?.messages.map((m) => m.ruleId)]).toEqual(['', true, ['file-symlink']])
    const other = path.join(root, 'other')
    await mkdir(other)
    await writeFile(path.join(other, 'people.yml'), new Uint8Array([0xff, 0xfe, 0x00]))
    expect((await loadPeopleFile(other, { cwd: root }))?.messages.map((m) => m.ruleId)).toEqual(['file-encoding'])
    await writeFile(path.join(other, 'people.yml'), 'x'.repeat(2000))
    expect((await loadPeopleFile(other, { cwd: root, maxFileSize: 1000 }))?.messages.map((m) => m.ruleId)).toEqual(['file-too-large'])
  })
})

describe('loadFile', () => {
  it('should say a missing file is missing, with a hint about the path, not its permissions', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-load-'))
    const file = await loadFile('nope.md', { cwd: root })
    expect(file.data.unreadable).toBe(true)
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column, m.reason])).toEqual([['file-unreadable', 1, 1, 'Cannot read the file: there is no file at this path']])
    expect(file.messages[0]?.note).toMatch(/Check the path/)
    expect(file.messages[0]?.note).not.toMatch(/permission/)
  })

  it('should say a folder is a folder', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-load-'))
    await mkdir(path.join(root, 'story.md'))
    const file = await loadFile('story.md', { cwd: root })
    expect(file.messages.map((m) => [m.ruleId, m.reason])).toEqual([['file-unreadable', 'Cannot read the file: it is a folder']])
  })
})

describe('loadConfigFile', () => {
  it('should give no file when there is none, and the text when there is', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-load-'))
    expect(await loadConfigFile(path.join(root, 'dateline.config.json'), root)).toBeUndefined()
    await writeFile(path.join(root, 'dateline.config.json'), '\uFEFF{"title": "X"}')
    const file = await loadConfigFile(path.join(root, 'dateline.config.json'), root)
    expect([file?.path, file?.value, file?.messages.length]).toEqual(['dateline.config.json', '{"title": "X"}', 0])
  })
})

/** `fs.readdir` with file types, failing as a folder without permission does for the folders in `denied`. */
function readFolderDenying(...denied: string[]): (dir: string) => Promise<Dirent[]> {
  return async (dir) => {
    if (denied.includes(dir)) throw Object.assign(new Error(`EACCES: permission denied, scandir '${dir}'`), { code: 'EACCES', errno: -13, syscall: 'scandir', path: dir })
    return readdir(dir, { withFileTypes: true })
  }
}

describe('loadSources with folders it cannot read', () => {
  it('should report an unreadable folder at its path, and load everything else', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-load-'))
    const content = path.join(root, 'content')
    for (const folder of ['world', 'secret/inner', 'sport']) await mkdir(path.join(content, folder), { recursive: true })
    await writeFile(path.join(content, 'world', 'a.md'), 'a')
    await writeFile(path.join(content, 'secret', 'inner', 'hidden.md'), 'h')
    await writeFile(path.join(content, 'sport', 'c.md'), 'c')
    const files = await loadSources(content, { cwd: root, readFolder: readFolderDenying(path.join(content, 'secret')) })
    expect(files.map((f) => [f.data.sourcePath, f.messages.map((m) => m.ruleId)])).toEqual([
      ['secret', ['folder-unreadable']],
      ['sport/c.md', []],
      ['world/a.md', []],
    ])
    const [message] = files[0]?.messages ?? []
    expect(files[0]?.path).toBe(path.join('content', 'secret'))
    expect(files[0]?.data.unreadable).toBe(true)
    expect([message?.line, message?.column, message?.fatal]).toEqual([1, 1, true])
    expect(message?.reason).toBe(`Cannot read folder: EACCES: permission denied, scandir '${path.join(content, 'secret')}': none of its articles were built`)
  })

  it('should still fail when the content folder itself cannot be read', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-load-'))
    const content = path.join(root, 'content')
    await mkdir(content)
    await expect(loadSources(content, { cwd: root, readFolder: readFolderDenying(content) })).rejects.toThrow(/EACCES/)
  })
})

describe('loadSources with the output folder or the cache inside the content folder', () => {
  it('should skip a folder holding the output marker, and the folders it is told to skip', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'dateline-load-'))
    const content = path.join(root, 'content')
    for (const folder of ['world', 'dist/world/a', 'cache/ab', 'site/x']) await mkdir(path.join(content, folder), { recursive: true })
    await writeFile(path.join(content, 'world', 'a.md'), 'a')
    await writeFile(path.join(content, 'dist', outputMarker), 'This folder is generated by Dateline.\n')
    await writeFile(path.join(content, 'dist', 'robots.txt'), 'User-agent: *\n')
    await writeFile(path.join(content, 'dist', 'world', 'a', 'notes.md'), 'a page')
    await writeFile(path.join(content, 'cache', 'ab', 'entry.txt'), 'cached')
    await writeFile(path.join(content, 'site', 'x', 'story.md'), 'a story in a folder named like an output')
    const files = await loadSources(content, { cwd: root, skip: [path.join(content, 'cache')] })
    expect(files.map((f) => f.data.sourcePath)).toEqual(['site/x/story.md', 'world/a.md'])
  })
})
