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

  it('should date copy by its file name, as the build does, not by the clock', () => {
    const file = new VFile({ path: 'inbox/2009-07-25-n-korea.txt', value: 'N. Korea Wants Direct Talks\n\nNorth Korea has indicated its interest in holding direct talks with the United States, a report said.\n' })
    file.data.sourcePath = '2009-07-25-n-korea.txt'
    const result = importWire(file, { now, timeZone: 'UTC' })
    expect(result?.text).toContain('\ndate: 2009-07-25\n')
    expect(result?.notes).toContain('Set `date` to 2009-07-25 from the file name and `draft: true`: check both before publishing')
  })

  it('should keep the byline’s affiliation', () => {
    const file = new VFile({ path: 'wire.txt', value: 'Mill Reopens\n\nBy Jane Doe, Staff Writer\n\nThe mill will reopen next year, its owners said on Monday.\n' })
    expect(importWire(file, { now, timeZone: 'UTC' })?.text).toContain('\nbyline: Jane Doe, Staff Writer\n')
  })

  it('should keep an affiliation printed on the line below the name', () => {
    const file = new VFile({ path: 'wire.txt', value: 'Mill Reopens\n\nBy JIM HEINTZ\nAssociated Press\n\nThe mill will reopen next year, its owners said on Monday.\n' })
    const result = importWire(file, { now, timeZone: 'UTC' })
    expect(result?.text).toContain('\nbyline: JIM HEINTZ, Associated Press\n')
    expect(result?.text).not.toContain('Associated Press\n\nThe mill')
  })

  it('should turn bullet lines into a Markdown list, not one escaped paragraph', () => {
    const file = new VFile({ path: 'wire.txt', value: 'Council Adopts Transit Plan\n\nThe council on Tuesday adopted a transit plan, officials said.\n\nThe plan would:\n* add night buses\n* cut fares for students\n• close the #4 line\n' })
    const body = importWire(file, { now, timeZone: 'UTC' })?.text.split('---\n')[2]
    expect(body).toBe('\nThe council on Tuesday adopted a transit plan, officials said.\n\nThe plan would:\n\n- add night buses\n- cut fares for students\n- close the #4 line\n')
  })
})
