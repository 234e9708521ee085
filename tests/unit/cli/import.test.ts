import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { importWire } from '../../../src/cli/import.js'

const now = new Date('2026-09-21T18:30:00Z')

describe('importWire', () => {
  it('should lift the byline and dateline into front matter and say so', () => {
    const file = new VFile({ path: 'wire.txt', value: 'Share this\n\nNegotiators return to talks in Seoul after a silent week\n\nBy Kim Lee\n\nSEOUL, South Korea (AP) — Negotiators returned to the table on Monday after a week of silence, officials said, and both sides called the mood constructive.\n\nA second paragraph follows here.\n' })
    const result = importWire(file, { section: 'world', now, timeZone: 'Asia/Seoul' })
    expect(result?.notes).toEqual([
      'Dropped `Share this` (line 1): site chrome above the headline',
      'Lifted headline `Negotiators return to talks in Seoul after a silent week` into `title`',
      'Lifted byline `By Kim Lee` into `byline`',
      'Lifted dateline `SEOUL, South Korea (AP)` into `dateline`',
      'Set `date` to now and `draft: true`: check both before publishing',
    ])
    expect(result?.text).toBe(
      [
        '---',
        'title: Negotiators return to talks in Seoul after a silent week',
        'date: 2026-09-22T03:30:00+09:00',
        'section: world',
        'byline: Kim Lee',
        'dateline: SEOUL, South Korea (AP)',
        'draft: true',
        '---',
        '',
        'Negotiators returned to the table on Monday after a week of silence, officials said, and both sides called the mood constructive.',
        '',
        'A second paragraph follows here.',
        '',
      ].join('\n'),
    )
  })

  it('should return nothing for copy without a headline', () => {
    const file = new VFile({ path: 'wire.txt', value: '' })
    expect(importWire(file, { now, timeZone: 'UTC' })).toBeUndefined()
  })
})
