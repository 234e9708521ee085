/**
 * Markdown articles: the whole file (front matter included, so positions stay true to the
 * file) parsed by remark-parse with remark-frontmatter, then mapped to model blocks through
 * a table of handlers, one per mdast type. Unknown constructs are reported, never dropped
 * silently; raw HTML is dropped with a warning.
 */
import type { Definition, Nodes, PhrasingContent, Root, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import type { Block } from '../model/article.js'
import { report } from '../content/report.js'
import { imageSchemes, isAllowedUrl, linkSchemes } from '../content/url-scheme.js'
import { isEditorsNote } from './editors-note.js'
import { flattenPhrasing } from './plain-text.js'
import { parseMarkdownTree } from './markdown-tree.js'
import { limitNesting } from './nesting.js'
import { frontMatterEnd } from '../content/front-matter.js'

/**
 * Deepest nesting of blockquotes and lists kept. micromark happily parses `>` × 30,000
 * into a tree that deep, taking time and memory that grow with the depth times the lines
 * (`nesting.ts`), and every recursive walk after it (ours, the quote engine, the HTML
 * serializer) would run out of stack; no story needs more than a few levels. Lines that
 * would nest deeper are blanked before parsing; the check on the tree stays as a second guard.
 */
const maxNesting = 16

interface Context {
  readonly file: VFile
  readonly source: string
  readonly definitions: ReadonlyMap<string, Definition>
  readonly counters: { paragraph: number; heading: number; blockquote: number; note: number }
  /** Blockquotes and lists around the nodes being converted. */
  readonly depth: number
}

type Handler = (node: RootContent, context: Context) => Block[]

/** Report a URL the body must not carry; the caller keeps the words without it. */
function reportUnsafeUrl(url: string, node: PhrasingContent, context: Context): void {
  report(context.file, 'url-unsafe', `Unexpected URL \`${truncate(url)}\`, expected \`http:\`, \`https:\`, \`mailto:\` or a relative path: the URL was dropped`, node.position)
}

/** Resolve references and drop what the body must not carry, reporting each drop. */
function phrasingOf(nodes: readonly PhrasingContent[], context: Context): PhrasingContent[] {
  // Still plain mdast here: quote spans are added later, by the quote engine's glue.
  const out: PhrasingContent[] = []
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
        if (definition && !isAllowedUrl(definition.url, linkSchemes)) {
          reportUnsafeUrl(definition.url, node, context)
          out.push(...children)
        } else if (definition) {
          out.push({ type: 'link', url: definition.url, title: definition.title ?? null, children, ...(node.position ? { position: node.position } : {}) })
        } else {
          out.push(...children)
        }
        break
      }
      case 'imageReference': {
        const definition = context.definitions.get(node.identifier.toLowerCase())
        if (definition && !isAllowedUrl(definition.url, imageSchemes)) {
          reportUnsafeUrl(definition.url, node, context)
          if (node.alt) out.push({ type: 'text', value: node.alt })
        } else if (definition) out.push({ type: 'image', url: definition.url, alt: node.alt ?? '', title: definition.title ?? null, ...(node.position ? { position: node.position } : {}) })
        break
      }
      case 'link':
        if (!isAllowedUrl(node.url, linkSchemes)) {
          reportUnsafeUrl(node.url, node, context)
          out.push(...phrasingOf(node.children, context))
          break
        }
        out.push({ ...node, children: phrasingOf(node.children, context) })
        break
      case 'image':
        if (!isAllowedUrl(node.url, imageSchemes)) {
          reportUnsafeUrl(node.url, node, context)
          if (node.alt) out.push({ type: 'text', value: node.alt })
          break
        }
        out.push(node)
        break
      case 'emphasis':
      case 'strong':
      case 'delete':
        out.push({ ...node, children: phrasingOf(node.children, context) })
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

/** Whether `node`, a blockquote or list, is nested too deep to keep; reported when it is. */
function isTooDeep(node: RootContent, context: Context): boolean {
  if (context.depth < maxNesting) return false
  report(context.file, 'markdown-too-deep', `Unexpected \`${node.type}\` nested more than ${maxNesting} levels deep, expected a flatter story: it was dropped`, node.position)
  return true
}

function nested(context: Context): Context {
  return { ...context, depth: context.depth + 1 }
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
    if (node.type !== 'blockquote' || !node.position || isTooDeep(node, context)) return []
    return [{ type: 'blockquote', id: `bq-${++context.counters.blockquote}`, children: blocksOf(node.children, nested(context)), position: node.position }]
  },
  list(node, context) {
    if (node.type !== 'list' || !node.position || isTooDeep(node, context)) return []
    return [{ type: 'list', ordered: node.ordered === true, items: node.children.map((item) => blocksOf(item.children, nested(context))), position: node.position }]
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
  // A stack, not recursion: the tree can be tens of thousands of levels deep.
  const stack: Nodes[] = [tree]
  const found: Definition[] = []
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition') found.push(node)
    else if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as Nodes)
  }
  // CommonMark: the first definition of a label wins (`found` is in document order).
  for (const definition of found) {
    if (!into.has(definition.identifier.toLowerCase())) into.set(definition.identifier.toLowerCase(), definition)
  }
}

/** Parse a Markdown file's body (the whole file, front matter skipped) into model blocks. */
export function parseMarkdownBody(file: VFile): Block[] {
  const source = String(file.value)
  const limited = limitNesting(source, frontMatterEnd(source), maxNesting)
  for (const cut of limited.cuts) {
    report(file, 'markdown-too-deep', `Unexpected \`${cut.kind}\` nested more than ${maxNesting} levels deep, expected a flatter story: the line was dropped`, { line: cut.line, column: cut.column, offset: cut.offset })
  }
  const tree: Root = parseMarkdownTree(limited.text)
  const definitions = new Map<string, Definition>()
  collectDefinitions(tree, definitions)
  return blocksOf(tree.children, {
    file,
    source,
    definitions,
    counters: { paragraph: 0, heading: 0, blockquote: 0, note: 0 },
    depth: 0,
  })
}
