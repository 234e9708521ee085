/**
 * Sanitized body hast → HTML, written the way `hast-util-to-html` 9 writes it with its
 * default options, for the elements and attributes the body schema lets through. The
 * general serializer looks up every attribute in the HTML schema and builds a regular
 * expression for every escape; a story body needs a dozen names and two escapes, and
 * this is the step that runs on every article. `tests/unit/render/body-hast.test.ts`
 * checks the output against `remark-html` on every fixture and on generated bodies.
 */
import type { Nodes, Properties } from 'hast'

/**
 * Attribute names of the hast properties the body schema allows (`bodySchema` in
 * `body.ts`), as `property-information` spells them.
 */
export const attributeNames: Readonly<Record<string, string>> = {
  href: 'href',
  title: 'title',
  src: 'src',
  alt: 'alt',
  loading: 'loading',
  decoding: 'decoding',
  id: 'id',
  dataQuote: 'data-quote',
  dataSpeaker: 'data-speaker',
  className: 'class',
  start: 'start'
}

/** Elements written without content or an end tag. */
const voidElements: ReadonlySet<string> = new Set(['br', 'hr', 'img'])

/**
 * Writes a sanitized body tree as HTML.
 *
 * @param tree The body after `sanitize(…, bodySchema)`.
 * @throws {Error} On a property outside `attributeNames`: the schema allows an attribute
 *   this serializer was not told about, which is a bug to fix here.
 */
export function bodyHtml(tree: Nodes): string {
  switch (tree.type) {
    case 'root':
      return childrenHtml(tree.children)
    case 'element': {
      const content = childrenHtml(tree.children)
      const attributes = attributesHtml(tree.properties)
      const start = `<${tree.tagName}${attributes === '' ? '' : ` ${attributes}`}>`
      return voidElements.has(tree.tagName) && content === '' ? start : `${start}${content}</${tree.tagName}>`
    }
    case 'text':
      return escapeText(tree.value)
    case 'comment':
    case 'doctype':
      // The schema drops both: neither is ever part of a story.
      return ''
    default:
      // Raw HTML is escaped as text, as `hast-util-to-html` does without
      // `allowDangerousHtml` (the schema drops it anyway).
      return 'value' in tree && typeof tree.value === 'string' ? escapeText(tree.value) : ''
  }
}

function childrenHtml(children: readonly Nodes[]): string {
  let html = ''
  for (const child of children) html += bodyHtml(child)
  return html
}

function attributesHtml(properties: Properties): string {
  let html = ''
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) continue
    const name = attributeNames[key]
    if (name === undefined) throw new Error(`Cannot write the body attribute \`${key}\`: add its HTML name to \`attributeNames\` in src/render/body-html.ts`)
    const attribute = value === true ? name : `${name}="${escapeAttribute(Array.isArray(value) ? value.join(' ').trim() : String(value))}"`
    html += html === '' ? attribute : ` ${attribute}`
  }
  return html
}

// Numeric character references as `stringify-entities` writes them: `&#x3C;`.
const textSpecials = /[<&]/g
const attributeSpecials = /["&'`]/g

function reference(character: string): string {
  return `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`
}

function escapeText(value: string): string {
  return value.includes('<') || value.includes('&') ? value.replace(textSpecials, reference) : value
}

function escapeAttribute(value: string): string {
  return value.replace(attributeSpecials, reference)
}
