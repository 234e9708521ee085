/** Walking a story's body as the parse stage built it. */
import type { Block } from '../model/article.js'

/**
 * Calls `visit` for every block of `blocks` in reading order, each block before the blocks
 * inside it (a block quotation's, a list item's).
 */
export function forEachBlock(blocks: readonly Block[], visit: (block: Block) => void): void {
  for (const block of blocks) {
    visit(block)
    if (block.type === 'blockquote') forEachBlock(block.children, visit)
    else if (block.type === 'list') for (const item of block.items) forEachBlock(item, visit)
  }
}
