import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { parseArticle } from '../../../src/parse/article.js'
import { checkBlockLengths, maxBlockLength, maxQuotations } from '../../../src/parse/bounds.js'

function fileOf(text: string, sourcePath = 'world/story.md'): VFile {
  const file = new VFile({ path: sourcePath, value: text })
  file.data.sourcePath = sourcePath
  return file
}

const frontMatter = '---\ntitle: Bounds\ndate: 2026-03-01\n---\n\n'
const messagesOf = (file: VFile) => file.messages.map((message) => ({ ruleId: message.ruleId, fatal: message.fatal, place: message.place, reason: message.reason }))

describe('checkBlockLengths', () => {
  it('should pass blocks up to the bound, blank lines of spaces and tabs between them', () => {
    const file = fileOf(`${'a'.repeat(maxBlockLength)}\n \t\n${'b'.repeat(maxBlockLength - 2)}\nc\n`)
    expect(checkBlockLengths(file)).toBe(true)
    expect(file.messages).toEqual([])
  })

  it('should report each block past the bound at its place, lines and all', () => {
    const long = `${'a'.repeat(maxBlockLength)}\nbb`
    const file = fileOf(`${frontMatter}Short.\n\n${long}\n\nShort again.\n\n${long}`)
    expect(checkBlockLengths(file)).toBe(false)
    const start = frontMatter.length + 'Short.\n\n'.length
    const second = start + long.length + '\n\nShort again.\n\n'.length
    expect(messagesOf(file)).toEqual([
      {
        ruleId: 'block-too-long',
        fatal: true,
        place: { start: { line: 8, column: 1, offset: start }, end: { line: 9, column: 3, offset: start + long.length } },
        reason: 'Unexpected block of 16,387 characters without a blank line, expected at most 16,384: the file was skipped',
      },
      {
        ruleId: 'block-too-long',
        fatal: true,
        place: { start: { line: 13, column: 1, offset: second }, end: { line: 14, column: 3, offset: second + long.length } },
        reason: 'Unexpected block of 16,387 characters without a blank line, expected at most 16,384: the file was skipped',
      },
    ])
  })
})

describe('parseArticle within the input bounds', () => {
  it('should refuse a Markdown story with a block past the bound before parsing it', () => {
    const file = fileOf(`${frontMatter}${'*a **b '.repeat(3_000)}\n`)
    expect(parseArticle(file)).toBeUndefined()
    expect(file.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([['block-too-long', 6, 1]])
  })

  it('should hold wire copy to the same bound', () => {
    const file = fileOf(`Council meets\n\n${'The council met and voted. '.repeat(700)}\n`, 'world/2026-03-01-council.txt')
    expect(parseArticle(file)).toBeUndefined()
    expect(file.messages.map((message) => [message.ruleId, message.line])).toEqual([['block-too-long', 3]])
  })

  it('should refuse a story with more quotations than the bound, at the first one past it', () => {
    const lines = Array.from({ length: maxQuotations + 1 }, (_, i) => `"Yes ${i}," said Mary Jones.`)
    const file = fileOf(`${frontMatter}${lines.join('\n\n')}\n`)
    expect(parseArticle(file)).toBeUndefined()
    const last = 6 + 2 * maxQuotations
    expect(file.messages.map((message) => [message.ruleId, message.fatal, message.line, message.column, message.reason])).toEqual([
      ['quotes-too-many', true, last, 1, 'Unexpected 1,001 quotations, expected at most 1,000 in one story: the file was skipped'],
    ])
  })

  it('should publish a story at the bounds', () => {
    const lines = Array.from({ length: maxQuotations }, (_, i) => `"Yes ${i}," said Mary Jones.`)
    const file = fileOf(`${frontMatter}${lines.join('\n\n')}\n\n${'Plain words. '.repeat(1_200)}\n`)
    const article = parseArticle(file)
    expect(file.messages).toEqual([])
    expect(article?.quotes).toHaveLength(maxQuotations)
  })

  it('should say which stage it is in as it goes, for a time limit to name', () => {
    const stages: string[] = []
    parseArticle(fileOf(`${frontMatter}"Yes," said Mary Jones.\n`), { onStage: (stage) => stages.push(stage) })
    expect(stages).toEqual(['bounds', 'front matter', 'Markdown', 'quotation marks', 'quote tokens', 'people', 'attribution'])
  })
})
