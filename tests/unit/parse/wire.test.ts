import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseWire } from '../../../src/parse/wire.js'

function run(text: string) {
  const file = new VFile({ path: 'content/world/story.txt', value: text })
  return { parts: parseWire(file), messages: file.messages }
}

describe('parseWire', () => {
  it('should drop site chrome before the headline and report it at its line', () => {
    const { parts, messages } = run('Watch CBSN Live\n\nTalks Stall Again\n\nNegotiators left the room on Friday without a deal for the third week running, two officials close to the talks said.\n')
    expect(parts?.headline).toBe('Talks Stall Again')
    expect(parts?.dropped.map((d) => d.text)).toEqual(['Watch CBSN Live'])
    expect(messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['wire-chrome-dropped', 1, 1]])
  })

  it('should keep a headline that ends with a period', () => {
    const { parts } = run('Protester stopped at rally.\n\nA woman broke through a barricade on Wednesday and ran for the stage.\n')
    expect(parts?.headline).toBe('Protester stopped at rally.')
    expect(parts?.dropped).toEqual([])
  })

  it('should join a two-line headline and deck', () => {
    const { parts } = run('Tensions flare; \nSenator sharpens attacks\n\nThe two contenders are questioning each other.\n')
    expect(parts?.headline).toBe('Tensions flare; Senator sharpens attacks')
  })

  it('should lift a byline below the headline', () => {
    const { parts } = run('Mill Reopens\n\nBy Jane Doe and John Roe, Staff Writers\n\nThe mill will reopen next year, its owners said.\n')
    expect(parts?.byline).toEqual({ asPrinted: 'By Jane Doe and John Roe, Staff Writers', names: ['Jane Doe', 'John Roe'] })
    expect(parts?.body).toHaveLength(1)
  })

  it.each([
    ['WASHINGTON — The budget deficit will grow.', 'WASHINGTON', 'WASHINGTON'],
    ['PORTLAND, Maine (AP) — A storm closed schools.', 'PORTLAND, Maine (AP)', 'PORTLAND, Maine'],
    ['DES MOINES, Iowa, Aug. 10 (UPI) — Hillary Clinton spoke.', 'DES MOINES, Iowa, Aug. 10 (UPI)', 'DES MOINES, Iowa'],
    ['WASHINGTON --  A six-year trend will end.', 'WASHINGTON', 'WASHINGTON'],
  ])('should lift the dateline from %j', (paragraph, asPrinted, place) => {
    const { parts } = run(`Headline Here\n\n${paragraph}\n`)
    expect(parts?.dateline).toEqual({ asPrinted, place })
    const first = parts?.body[0]
    expect(first?.type === 'paragraph' && first.children[0]?.type === 'text' && /^[A-Z]/.test(first.children[0].value)).toBe(true)
  })

  it('should not take a name before a dash for a dateline', () => {
    const { parts } = run('Headline Here\n\nHillary Clinton — who spoke first — said little.\n')
    expect(parts?.dateline).toBeUndefined()
  })

  it('should turn a paragraph in parentheses into an editor’s note', () => {
    const { parts } = run('Headline\n\nFirst paragraph of the story, long enough.\n\n(For more on the meeting, read her blog.)\n\n(AP) Officials said more.\n')
    expect(parts?.body.map((b) => b.type)).toEqual(['paragraph', 'editorsNote', 'paragraph'])
  })

  it('should keep paragraphs verbatim with true positions', () => {
    const text = 'Headline\n\nOne "two"  three.\nSame paragraph.\n\n\n  Next one.\n'
    const { parts } = run(text)
    const texts = parts?.body.map((b) => (b.type === 'paragraph' && b.children[0]?.type === 'text' ? b.children[0].value : ''))
    expect(texts).toEqual(['One "two"  three.\nSame paragraph.', 'Next one.'])
    const second = parts?.body[1]
    expect(second?.position.start).toEqual({ line: 7, column: 3, offset: text.indexOf('Next') })
  })

  it('should not swallow a story that starts with a `---` rule', () => {
    const { parts } = run('---\n\nHeadline\n\nBody text here, as sent.\n')
    expect(parts?.body.length).toBeGreaterThan(0)
  })

  it('should report a file with no headline', () => {
    const { parts, messages } = run('')
    expect(parts).toBeUndefined()
    expect(messages[0]?.ruleId).toBe('wire-headline-missing')
  })
})

describe('parseWire with a short headline and a byline', () => {
  it('should keep a short headline above a byline, not drop it as chrome', () => {
    const text = 'Talks resume in Seoul\n\nBy Kim Lee\n\nNegotiators from both sides returned to the table on Monday after a three-week pause, officials in Seoul said, and the first session ran late.\n'
    const file = new VFile({ path: 'content/world/story.txt', value: text })
    const parts = parseWire(file)
    expect(parts?.headline).toBe('Talks resume in Seoul')
    expect(parts?.byline?.names).toEqual(['Kim Lee'])
    expect(file.messages).toEqual([])
  })

  it('should lift a byline whose affiliation is on the line below', () => {
    const { parts } = run('Mill Reopens\n\nBy JIM HEINTZ\nAssociated Press\n\nThe mill will reopen next year, its owners said.\n')
    expect(parts?.byline).toEqual({ asPrinted: 'By JIM HEINTZ, Associated Press', names: ['JIM HEINTZ'] })
    expect(parts?.body).toHaveLength(1)
  })

  it('should read bullet lines as a list, each item at its own place, after the line that introduces them', () => {
    const { parts } = run('Plan Adopted\n\nThe council adopted the plan on Tuesday, officials said.\n\nThe plan would:\n* add night buses\n* cut fares\n\n• close a line\n• open another\n\n* but one such line alone is prose\n')
    const blocks = parts?.body ?? []
    expect(blocks.map((block) => block.type)).toEqual(['paragraph', 'paragraph', 'list', 'paragraph'])
    const list = blocks[2]
    if (list?.type !== 'list') throw new Error('expected a list')
    expect(list.ordered).toBe(false)
    const items = list.items.map((item) => item.map((block) => (block.type === 'paragraph' ? [block.children.map((child) => ('value' in child ? child.value : '')).join(''), block.position.start.line, block.position.start.column] : [])))
    expect(items).toEqual([[['add night buses', 6, 3]], [['cut fares', 7, 3]], [['close a line', 9, 3]], [['open another', 10, 3]]])
  })

  it('should read numbered lines as an ordered list, and keep a paragraph that only starts with a number', () => {
    const { parts } = run('Council Adopts a Plan for Night Buses and Fares\n\nThe council adopted the transit plan on Tuesday night after a four-hour hearing, city officials said.\n\n1. Add buses.\n2. Cut fares.\n\n3. Close a line in the north of the city, the mayor said on Tuesday.\n')
    expect(parts?.body.map((block) => (block.type === 'list' ? `list ${block.ordered} ${block.items.length}` : block.type))).toEqual(['paragraph', 'list true 2', 'paragraph'])
  })
})
