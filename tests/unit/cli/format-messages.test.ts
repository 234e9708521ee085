import { describe, expect, it } from 'vitest'
import { formatLeftOut, formatSummary, plural } from '../../../src/cli/format-messages.js'

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
    expect(formatSummary({ errors: 1, warnings: 0 }, 1)).toBe('1 error, 0 warnings in 1 file')
  })
})
