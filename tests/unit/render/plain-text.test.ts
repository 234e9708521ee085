import { describe, expect, it } from 'vitest'
import { plainTextFromPhrasing } from '../../../src/render/plain-text.js'

describe('plainTextFromPhrasing', () => {
  it('should join the text inside emphasis, links and quote spans', () => {
    expect(
      plainTextFromPhrasing([
        { type: 'text', value: '“' },
        {
          type: 'quoteSpan',
          quoteId: 'q-1',
          isFirst: true,
          children: [{ type: 'emphasis', children: [{ type: 'text', value: 'We' }] }, { type: 'text', value: ' will win' }]
        },
        { type: 'text', value: ',” said ' },
        { type: 'link', url: '/people/falk/', children: [{ type: 'text', value: 'Falk' }] },
        { type: 'text', value: '.' }
      ])
    ).toBe('“We will win,” said Falk.')
  })

  it('should turn line breaks into single spaces', () => {
    expect(plainTextFromPhrasing([{ type: 'text', value: 'a ' }, { type: 'break' }, { type: 'text', value: '\nb' }])).toBe('a b')
  })

  it('should give an image its alt text and raw HTML nothing', () => {
    expect(
      plainTextFromPhrasing([
        { type: 'image', url: 'x.png', alt: 'Chart' },
        { type: 'html', value: '<b>' },
        { type: 'inlineCode', value: ' code' }
      ])
    ).toBe('Chart code')
  })
})
