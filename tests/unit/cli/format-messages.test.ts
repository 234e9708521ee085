/**
 * Messages as the terminal shows them: information (`quote-held-back`) only when asked for
 * (`dateline check`), and counted in the summary as notes.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { report } from '../../../src/content/report.js'
import { countMessages, formatMessages, formatSummary } from '../../../src/cli/format-messages.js'

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
