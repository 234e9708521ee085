/**
 * Strict parsers for the site's machine-readable output, as a feed reader or a search
 * engine would read it: a document that fails here would be rejected whole.
 */
import { XMLValidator } from 'fast-xml-parser'
import { parse } from 'parse5'
import { SaxesParser } from 'saxes'

/**
 * Problems a strict XML 1.0 parser finds in `text` (none for a well-formed, namespace-well-formed
 * document). Two parsers: saxes, which checks every character against XML's allowed set and
 * every prefix against its namespace, and fast-xml-parser's validator.
 */
export function xmlProblems(text: string): string[] {
  const problems: string[] = []
  const parser = new SaxesParser({ xmlns: true, position: true })
  parser.on('error', (error) => {
    problems.push(`saxes: ${error.message}`)
  })
  try {
    parser.write(text).close()
  } catch (error) {
    problems.push(`saxes: ${error instanceof Error ? error.message : String(error)}`)
  }
  const validated = XMLValidator.validate(text)
  if (validated !== true) problems.push(`fast-xml-parser: ${validated.err.msg} at ${validated.err.line}:${validated.err.col}`)
  return problems
}

interface Parse5Node {
  readonly nodeName: string
  readonly attrs?: readonly { readonly name: string; readonly value: string }[]
  readonly childNodes?: readonly Parse5Node[]
  readonly value?: string
  readonly content?: Parse5Node
}

/** The text of every `<script type="application/ld+json">` of an HTML page, read by an HTML parser. */
export function jsonLdTexts(html: string): string[] {
  const found: string[] = []
  const walk = (node: Parse5Node): void => {
    if (node.nodeName === 'script' && node.attrs?.some((attr) => attr.name === 'type' && attr.value === 'application/ld+json')) {
      found.push((node.childNodes ?? []).map((child) => child.value ?? '').join(''))
    }
    for (const child of node.childNodes ?? []) walk(child)
    if (node.content) walk(node.content)
  }
  walk(parse(html) as unknown as Parse5Node)
  return found
}
