import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseMarkdownBody } from '../../../src/parse/markdown.js'

function run(body: string) {
  const file = new VFile({ path: 'content/x.md', value: `---\ntitle: T\ndate: 2026-01-01\n---\n${body}` })
  return { blocks: parseMarkdownBody(file), messages: file.messages }
}

describe('parseMarkdownBody', () => {
  it('should keep positions true to the whole file, front matter included', () => {
    const { blocks } = run('\nFirst.\n\n> Quoted block.\n')
    expect(blocks.map((b) => [b.type, b.position.start.line])).toEqual([
      ['paragraph', 6],
      ['blockquote', 8],
    ])
  })

  it('should map each supported construct through its handler', () => {
    const { blocks, messages } = run('\n## Sub\n\nPara *em*.\n\n- one\n- two\n\n---\n\n![Alt text](https://example.org/a.jpg)\n\n```js\nx()\n```\n')
    expect(blocks.map((b) => b.type)).toEqual(['subheading', 'paragraph', 'list', 'rule', 'image', 'code'])
    expect(messages).toEqual([])
  })

  it('should drop raw HTML with a warning at its place', () => {
    const { blocks, messages } = run('\n<script>alert(1)</script>\n\nText <b onclick="x()">bold</b>.\n')
    expect(blocks).toHaveLength(1)
    expect(messages.map((m) => [m.ruleId, m.line, m.fatal])).toEqual([
      ['markdown-raw-html', 6, false],
      ['markdown-raw-html', 8, false],
      ['markdown-raw-html', 8, false],
    ])
  })

  it('should resolve reference links to their definitions', () => {
    const { blocks } = run('\nSee [the report][r].\n\n[r]: https://example.org/report "Report"\n')
    const paragraph = blocks[0]
    expect(paragraph?.type === 'paragraph' && paragraph.children[1]).toEqual(expect.objectContaining({ type: 'link', url: 'https://example.org/report' }))
  })

  it('should make a paragraph wholly in parentheses an editor’s note', () => {
    const { blocks } = run('\n(For more, read *her* blog.)\n')
    expect(blocks[0]?.type).toBe('editorsNote')
  })

  it('should read a body `#` heading as a subheading, the headline being in front matter', () => {
    const { blocks } = run('\n# Big\n')
    expect(blocks[0]).toEqual(expect.objectContaining({ type: 'subheading', depth: 2 }))
  })
})
