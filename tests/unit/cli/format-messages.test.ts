/**
 * Messages as the terminal shows them: information (`quote-held-back`) only when asked for
 * (`dateline check`), and counted in the summary as notes; what a build left out on purpose.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { report } from '../../../src/content/report.js'
import { countMessages, formatLeftOut, formatMessages, formatSummary, plural } from '../../../src/cli/format-messages.js'

function file(): VFile {
  const source = new VFile({ path: 'content/world/a.md' })
  report(source, 'quote-held-back', 'Held back the speaker of q-4', { line: 14, column: 2 })
  report(source, 'quote-unattributed', 'Unexpected quote without attribution', { line: 9, column: 2 })
  return source
}

describe('format-messages with information', () => {
  it('should give information no severity of its own in vfile terms: neither error nor warning', () => {
    expect(file().messages.map((message) => message.fatal)).toEqual([undefined, false])
  })

  it('should leave information out unless asked, and print it as `info` when asked', () => {
    expect(formatMessages([file()])).not.toContain('quote-held-back')
    const shown = formatMessages([file()], { showInfo: true })
    expect(shown.split('\n').filter((line) => !line.startsWith(' '))).toEqual([
      'content/world/a.md:9:2  warning  Unexpected quote without attribution  quote-unattributed',
      'content/world/a.md:14:2  info  Held back the speaker of q-4  quote-held-back',
    ])
  })

  it('should count information as notes, and say nothing of notes when there are none', () => {
    const counts = countMessages([file()])
    expect(counts).toEqual({ errors: 0, warnings: 1, infos: 1 })
    expect(formatSummary(counts, 2)).toBe('0 errors, 1 warning, 1 note in 2 files')
    expect(formatSummary({ errors: 1, warnings: 0, infos: 0 }, 1)).toBe('1 error, 0 warnings in 1 file')
  })
})

describe('formatLeftOut', () => {
  it('should say nothing when nothing was left out', () => {
    expect(formatLeftOut({ drafts: [], scheduled: [] })).toBe('')
  })

  it('should count drafts and scheduled stories, name the soonest date, and give each file its reason', () => {
    expect(formatLeftOut({ drafts: ['content/world/b.md'], scheduled: [{ path: 'content/world/c.md', published: '2026-12-09' }] })).toBe(
      [
        'Left out 1 draft, 1 scheduled for 2026-12-09:',
        '  content/world/b.md  draft: true; left out until it is false (or build with --drafts)',
        '  content/world/c.md  dated 2026-12-09; left out until a build after that time',
      ].join('\n'),
    )
  })

  it('should count many and list the first ten', () => {
    const drafts = Array.from({ length: 8 }, (_, index) => `content/d-${index}.md`)
    const scheduled = Array.from({ length: 4 }, (_, index) => ({ path: `content/s-${index}.md`, published: `2027-01-0${index + 1}` }))
    const lines = formatLeftOut({ drafts, scheduled }).split('\n')
    expect(lines[0]).toBe('Left out 8 drafts, 4 scheduled from 2027-01-01:')
    expect(lines).toHaveLength(1 + 10 + 1)
    expect(lines.at(-1)).toBe('  … and 2 more')
  })
})

describe('plural', () => {
  it('should count one thing in the singular and others in the plural', () => {
    expect([plural(0, 'article'), plural(1, 'article'), plural(2, 'article')]).toEqual(['0 articles', '1 article', '2 articles'])
    expect(formatSummary({ errors: 1, warnings: 0, infos: 0 }, 1)).toBe('1 error, 0 warnings in 1 file')
  })
})
