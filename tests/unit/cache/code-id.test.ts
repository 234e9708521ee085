import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { codeIdentity } from '../../../src/cache/code-id.js'

describe('codeIdentity', () => {
  it('should change with any compiled file, the CommonJS parse worker included, and with the version', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-code-'))
    mkdirSync(path.join(dir, 'pool'))
    writeFileSync(path.join(dir, 'main.js'), 'export {}')
    writeFileSync(path.join(dir, 'pool', 'parse-worker.cjs'), 'module.exports = 1')
    writeFileSync(path.join(dir, 'notes.txt'), 'a')
    const first = await codeIdentity('1.0.0', dir)
    expect(await codeIdentity('1.0.0', dir)).toBe(first)
    writeFileSync(path.join(dir, 'notes.txt'), 'b')
    expect(await codeIdentity('1.0.0', dir)).toBe(first)
    writeFileSync(path.join(dir, 'pool', 'parse-worker.cjs'), 'module.exports = 2')
    const second = await codeIdentity('1.0.0', dir)
    expect(second).not.toBe(first)
    writeFileSync(path.join(dir, 'main.js'), 'export const a = 1')
    expect(await codeIdentity('1.0.0', dir)).not.toBe(second)
    expect(await codeIdentity('1.0.1', dir)).not.toBe(await codeIdentity('1.0.0', dir))
  })
})
