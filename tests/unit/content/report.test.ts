import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { contentMessage, report } from '../../../src/content/report.js'

describe('content messages', () => {
  it('should carry the rule, severity, place and hint, and no stack of our code', () => {
    const file = new VFile({ path: 'world/a.md', value: 'x' })
    const message = report(file, 'quote-held-back', 'Held back for review', { line: 3, column: 4 })
    expect([message.ruleId, message.fatal, message.line, message.column, message.source]).toEqual(['quote-held-back', undefined, 3, 4, 'dateline'])
    expect(message.note).toBeTruthy()
    expect(file.messages).toEqual([message])
  })

  it('should be made without capturing a stack (most of the cost of ~25,000 held-back notes a build)', () => {
    const file = new VFile({ path: 'world/a.md', value: 'x' })
    const made = file.message.bind(file)
    let limit: number | undefined
    file.message = ((...args: Parameters<typeof made>) => {
      limit = Error.stackTraceLimit
      return made(...args)
    }) as typeof file.message
    report(file, 'quote-held-back', 'Held back for review', { line: 1, column: 1 })
    expect(limit).toBe(0)
  })

  it('should leave the stack trace limit as it found it', () => {
    const before = Error.stackTraceLimit
    contentMessage(new VFile({ path: 'a.md' }), 'x', { ruleId: 'r' })
    expect(Error.stackTraceLimit).toBe(before)
    expect(new Error('ours').stack).toMatch(/\n\s+at /)
  })
})
