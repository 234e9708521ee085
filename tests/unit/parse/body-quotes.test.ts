import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import type { Block } from '../../../src/model/article.js'
import { attachQuotes } from '../../../src/parse/body-quotes.js'
import { parseMarkdownBody } from '../../../src/parse/markdown.js'

/** Parse a Markdown body (after a short front matter) and find its quotes. */
function run(body: string) {
  const file = new VFile({ path: 'content/x.md', value: `---\ntitle: T\ndate: 2026-01-01\n---\n${body}` })
  const result = attachQuotes(parseMarkdownBody(file), file)
  const speakerOf = (id: string): string | undefined => result.people.find((person) => person.id === result.quotes.find((quote) => quote.id === id)?.speakerId)?.name
  return { ...result, speakerOf, messages: file.messages }
}

function blockquotes(blocks: readonly Block[]): Extract<Block, { type: 'blockquote' }>[] {
  return blocks.flatMap((block) => (block.type === 'blockquote' ? [block] : []))
}

function hasQuoteSpan(block: Block): boolean {
  if (block.type === 'paragraph') return block.children.some((child) => child.type === 'quoteSpan')
  return block.type === 'blockquote' && block.children.some(hasQuoteSpan)
}

describe('attachQuotes: block quotations', () => {
  it('should make a blockquote after `Doe said:` one quote that the blockquote carries (block quotation)', () => {
    const result = run('\nMayor Jane Doe spoke after the vote. In a statement, Doe said:\n\n> We will not cut the library budget while I am mayor.\n')
    expect(result.quotes).toHaveLength(1)
    expect(result.quotes[0]).toEqual(expect.objectContaining({ id: 'q-1', kind: 'direct', cue: 'said', text: 'We will not cut the library budget while I am mayor.' }))
    expect(result.quotes[0]?.position.start).toEqual(expect.objectContaining({ line: 8, column: 3 }))
    expect(result.speakerOf('q-1')).toBe('Jane Doe')
    const [block] = blockquotes(result.body)
    expect(block?.quoteId).toBe('q-1')
    expect(block !== undefined && hasQuoteSpan(block)).toBe(false)
  })

  it('should read a blockquote of two paragraphs as one multi-paragraph quote (block quotation)', () => {
    const result = run('\nCouncil member Tom Reed later wrote on Facebook:\n\n> The vote was rigged from the start.\n>\n> I will ask for a recount on Monday.\n')
    expect(result.quotes.map((quote) => [quote.kind, result.speakerOf(quote.id)])).toEqual([['multi-paragraph', 'Tom Reed']])
    expect(result.quotes[0]?.text).toBe('The vote was rigged from the start.\n\nI will ask for a recount on Monday.')
  })

  it('should not make a blockquote a quote without a colon introducing it (epigraph)', () => {
    const result = run('\nThe council adjourned.\n\n> An epigraph with no introduction.\n')
    expect(result.quotes).toEqual([])
    expect(blockquotes(result.body)[0]?.quoteId).toBeUndefined()
  })

  it('should leave a blockquote with quotation marks to the quotes its marks make (block quotation)', () => {
    const result = run('\nThe debate ended in anger:\n\n> "This is a disgrace," said council member Tom Reed.\n')
    expect(result.quotes.map((quote) => [quote.text, result.speakerOf(quote.id)])).toEqual([['This is a disgrace,', 'Tom Reed']])
    expect(blockquotes(result.body)[0]?.quoteId).toBeUndefined()
  })

  it('should warn about a block quotation nobody is named for, at its place (quote-unattributed)', () => {
    const result = run('\nFrom the full text:\n\n> Closed until further notice.\n')
    expect(result.quotes).toHaveLength(1)
    expect(result.messages.map((message) => [message.ruleId, message.line])).toEqual([['quote-unattributed', 8]])
  })
})
