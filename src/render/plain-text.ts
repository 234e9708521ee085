/**
 * Plain text of inline content, for places that cannot hold markup: the front-page
 * summary, `<meta name="description">`, the document title.
 */
import type { Phrasing } from '../model/article.js'

/**
 * Flattens phrasing (mdast inline nodes and quote spans) to its text, as a reader
 * would read it: line breaks become spaces, images give their alt text, raw HTML and
 * footnote markers give nothing, and runs of white space collapse to one space.
 *
 * @param nodes Inline content of a paragraph, subheading or editor's note.
 */
export function plainTextFromPhrasing(nodes: readonly Phrasing[]): string {
  return nodes.map(textOf).join('').replace(/\s+/g, ' ').trim()
}

function textOf(node: Phrasing): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value
    case 'break':
      return ' '
    case 'image':
    case 'imageReference':
      return node.alt ?? ''
    case 'html':
    case 'footnoteReference':
      return ''
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
    case 'quoteSpan':
      return node.children.map(textOf).join('')
  }
}
