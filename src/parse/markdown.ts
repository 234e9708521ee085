/**
 * Markdown articles: the whole file (front matter included, so positions stay true to the
 * file) parsed by remark-parse with remark-frontmatter, then mapped to model blocks through
 * a table of handlers, one per mdast type. Unknown constructs are reported, never dropped
 * silently; raw HTML is dropped with a warning.
 */
import type { Definition, Nodes, PhrasingContent, Root, RootContent } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { VFile } from 'vfile'
import type { Block, Phrasing } from '../model/article.js'
import { report } from '../content/report.js'
import { isEditorsNote } from './editors-note.js'
import { flattenPhrasing } from './plain-text.js'

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])

interface Context {
  readonly file: VFile
  readonly source: string
  readonly definitions: ReadonlyMap<string, Definition>
  readonly counters: { paragraph: number; heading: number; blockquote: number; note: number }
}

type Handler = (node: RootContent, context: Context) => Block[]

/** Resolve references and drop what the body must not carry, reporting each drop. */
function phrasingOf(nodes: readonly PhrasingContent[], context: Context): Phrasing[] {
  const out: Phrasing[] = []
  for (const node of nodes) {
    switch (node.type) {
      case 'html':
        report(context.file, 'markdown-raw-html', `Unexpected raw HTML \`${truncate(node.value)}\`, expected Markdown: it was dropped`, node.position)
        break
      case 'footnoteReference':
        report(context.file, 'markdown-unsupported', 'Unexpected footnote reference, expected inline text: it was dropped', node.position)
        break
      case 'linkReference': {
        const definition = context.definitions.get(node.identifier.toLowerCase())
        const children = phrasingOf(node.children, context)
        if (definition) {
          out.push({ type: 'link', url: definition.url, title: definition.title ?? null, children: children as PhrasingContent[], ...(node.position ? { position: node.position } : {}) })
        } else {
          out.push(...children)
        }
        break
      }
      case 'imageReference': {
        const definition = context.definitions.get(node.identifier.toLowerCase())
        if (definition) out.push({ type: 'image', url: definition.url, alt: node.alt ?? '', title: definition.title ?? null, ...(node.position ? { position: node.position } : {}) })
        break
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
        out.push({ ...node, children: phrasingOf(node.children, context) as never })
        break
      default:
        out.push(node)
    }
  }
  return out
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 40 ? `${line.slice(0, 39)}…` : line
}

function blocksOf(nodes: readonly RootContent[], context: Context): Block[] {
  return nodes.flatMap((node) => {
    const handler = handlers[node.type]
    if (handler) return handler(node, context)
    report(context.file, 'markdown-unsupported', `Unexpected \`${node.type}\` in article body, expected paragraphs, subheadings, lists, quotes or images: it was dropped`, node.position)
    return []
  })
}

const handlers: Partial<Record<RootContent['type'], Handler>> = {
  yaml: () => [],
  definition: () => [],
  paragraph(node, context) {
    if (node.type !== 'paragraph' || !node.position) return []
    const children = phrasingOf(node.children, context)
    const only = children.length === 1 ? children[0] : undefined
    if (only?.type === 'image' && only.position) {
      return [{ type: 'image', url: only.url, alt: only.alt ?? '', ...(only.title ? { title: only.title } : {}), position: only.position }]
    }
    if (children.length === 0) return []
    if (isEditorsNote(flattenPhrasing(children, context.source).text)) {
      return [{ type: 'editorsNote', id: `note-${++context.counters.note}`, children, position: node.position }]
    }
    return [{ type: 'paragraph', id: `p-${++context.counters.paragraph}`, children, position: node.position }]
  },
  heading(node, context) {
    if (node.type !== 'heading' || !node.position) return []
    // The headline comes from front matter; a `#` in the body is read as the top subheading level.
    const depth = Math.min(4, Math.max(2, node.depth)) as 2 | 3 | 4
    return [{ type: 'subheading', id: `h-${++context.counters.heading}`, depth, children: phrasingOf(node.children, context), position: node.position }]
  },
  blockquote(node, context) {
    if (node.type !== 'blockquote' || !node.position) return []
    return [{ type: 'blockquote', id: `bq-${++context.counters.blockquote}`, children: blocksOf(node.children, context), position: node.position }]
  },
  list(node, context) {
    if (node.type !== 'list' || !node.position) return []
    return [{ type: 'list', ordered: node.ordered === true, items: node.children.map((item) => blocksOf(item.children, context)), position: node.position }]
  },
  thematicBreak(node) {
    return node.position ? [{ type: 'rule', position: node.position }] : []
  },
  code(node) {
    if (node.type !== 'code' || !node.position) return []
    return [{ type: 'code', value: node.value, ...(node.lang ? { lang: node.lang } : {}), position: node.position }]
  },
  html(node, context) {
    if (node.type !== 'html') return []
    report(context.file, 'markdown-raw-html', `Unexpected raw HTML \`${truncate(node.value)}\`, expected Markdown: it was dropped`, node.position)
    return []
  },
}

function collectDefinitions(tree: Nodes, into: Map<string, Definition>): void {
  if (tree.type === 'definition') {
    // CommonMark: the first definition of a label wins.
    if (!into.has(tree.identifier.toLowerCase())) into.set(tree.identifier.toLowerCase(), tree)
    return
  }
  if ('children' in tree) for (const child of tree.children) collectDefinitions(child, into)
}

/** Parse a Markdown file's body (the whole file, front matter skipped) into model blocks. */
export function parseMarkdownBody(file: VFile): Block[] {
  const tree: Root = processor.parse(file)
  const definitions = new Map<string, Definition>()
  collectDefinitions(tree, definitions)
  return blocksOf(tree.children, {
    file,
    source: String(file.value),
    definitions,
    counters: { paragraph: 0, heading: 0, blockquote: 0, note: 0 },
  })
}
