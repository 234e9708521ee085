/**
 * Finds executable content in HTML the way a browser would see it: parsed by parse5 (the
 * WHATWG parser), never matched with regexes. Templates are trusted, so their own
 * `<script type="application/ld+json">` and `<script src>` of a site asset pass; nothing
 * that content could have put there does.
 */
import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5'
import { urlScheme } from '../../src/content/url-scheme.js'

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']

/** Attributes whose value a browser loads or navigates to. */
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'cite', 'srcset', 'ping'])
const dangerousSchemes = new Set(['javascript', 'vbscript', 'data'])
const forbiddenElements = new Set(['iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'applet'])

function textOf(element: Element): string {
  return element.childNodes.map((child) => ('value' in child && child.nodeName === '#text' ? child.value : '')).join('')
}

function isElement(node: Node): node is Element {
  return 'tagName' in node
}

/** Every reason `html` could run script, as short strings; `[]` when it cannot. */
export function findExecutable(html: string, options: { readonly fragment?: boolean } = {}): string[] {
  const problems: string[] = []
  const root: Node = options.fragment ? parseFragment(html) : parse(html)
  const stack: Node[] = [root]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('childNodes' in node) stack.push(...node.childNodes)
    if (node.nodeName === 'template' && 'content' in node) stack.push(node.content)
    if (!isElement(node)) continue
    const tag = node.tagName.toLowerCase()
    if (forbiddenElements.has(tag)) problems.push(`<${tag}>`)
    if (tag === 'meta' && node.attrs.some((attr) => attr.name === 'http-equiv' && attr.value.toLowerCase() === 'refresh')) problems.push('<meta http-equiv=refresh>')
    if (tag === 'script') {
      const type = node.attrs.find((attr) => attr.name === 'type')?.value
      const src = node.attrs.find((attr) => attr.name === 'src')?.value
      const body = textOf(node)
      if (type === 'application/ld+json') {
        try {
          JSON.parse(body)
        } catch {
          problems.push(`<script type=application/ld+json> that is not JSON: ${body.slice(0, 60)}`)
        }
      } else if (src === undefined || body.trim() !== '' || urlScheme(src) !== '') {
        problems.push(`<script ${src ?? ''}>${body.slice(0, 60)}`)
      }
    }
    for (const attr of node.attrs) {
      const name = attr.name.toLowerCase()
      if (name.startsWith('on')) problems.push(`<${tag} ${name}=…>`)
      if (name === 'srcdoc') problems.push(`<${tag} srcdoc>`)
      if (urlAttributes.has(name)) {
        const scheme = urlScheme(attr.value)
        if (scheme === undefined || dangerousSchemes.has(scheme)) problems.push(`<${tag} ${name}="${attr.value.slice(0, 60)}">`)
      }
      if (name === 'style' && /expression|javascript:|url\s*\(/i.test(attr.value)) problems.push(`<${tag} style="${attr.value.slice(0, 60)}">`)
    }
  }
  return problems
}

/** The text a reader sees in `html` (a fragment), text nodes joined with spaces. */
export function visibleText(html: string): string {
  const parts: string[] = []
  const stack: Node[] = [parseFragment(html)]
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeName === '#text' && 'value' in node) parts.push(node.value)
    if ('childNodes' in node) for (let index = node.childNodes.length - 1; index >= 0; index--) stack.push(node.childNodes[index] as Node)
  }
  return parts.join(' ')
}
