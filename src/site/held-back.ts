/**
 * The attributions the site holds back (`isPublished` says no), listed for an editor: one
 * `quote-held-back` message (severity info) per quote at the quote's place, naming the
 * model's two best candidates with their confidences and the front matter line that would
 * confirm the speaker. `dateline check` prints them; `build` only counts them.
 */
import type { VFile } from 'vfile'
import type { ArticleCard, CardQuote } from '../model/article.js'
import { report } from '../content/report.js'
import { heldBackAttributions } from '../quotes/policy.js'

/** Longest excerpt of the quoted words a message shows. */
const excerptLength = 40

/**
 * Report each held-back attribution of `article` on `file`: its card says all it takes.
 *
 * @param threshold The site's `attribution.threshold`.
 * @returns How many were reported.
 */
export function reportHeldBack(file: VFile, article: ArticleCard, threshold: number): number {
  const held = heldBackAttributions(article.quotes, article.people, threshold)
  for (const { quote, speaker } of held) {
    const line = confirmLine(quote.id, speaker)
    const message = report(file, 'quote-held-back', `Held back the speaker of ${quote.id} (“${excerpt(quote.text)}”): ${candidatesOf(quote, speaker)}, below the threshold ${threshold}; \`${line}\` in front matter confirms it`, quote.position)
    const other = quote.candidates?.find((candidate) => candidate.name !== speaker)?.name
    message.note =
      article.format === 'wire'
        ? 'Wire copy has no front matter: `dateline import` turns it into Markdown, whose front matter takes the line above.'
        : `If ${speaker} did not say it, name the speaker the same way${other === undefined ? '' : ` (\`${confirmLine(quote.id, other)}\`)`}, or write \`${quote.id}: not a quote\`; \`attribution.threshold\` in dateline.config.json sets the bar for the whole site.`
  }
  return held.length
}

/** `Pamela Falk 0.30, U.S. 0.29`: the model's two best, or the speaker alone without them. */
function candidatesOf(quote: CardQuote, speaker: string): string {
  const candidates = quote.candidates !== undefined && quote.candidates.length > 0 ? quote.candidates : [{ name: speaker, confidence: quote.confidence ?? 0 }]
  return candidates
    .slice(0, 2)
    .map((candidate) => `${candidate.name} ${candidate.confidence.toFixed(2)}`)
    .join(', ')
}

/** The quoted words, cut at a word near `excerptLength` characters. */
function excerpt(text: string): string {
  const words = text.trim().replace(/\s+/g, ' ')
  if (words.length <= excerptLength) return words
  const cut = words.lastIndexOf(' ', excerptLength)
  return `${words.slice(0, cut > 0 ? cut : excerptLength)}…`
}

/**
 * `quotes: { q-4: Pamela Falk }`, with the name quoted when YAML would not read it as
 * plain text in a flow map (a comma, a colon, a leading quote or sign).
 */
export function confirmLine(id: string, name: string): string {
  const plain = /^[\p{L}\p{N}][\p{L}\p{N} .'’&-]*$/u.test(name) && !name.endsWith(' ')
  return `quotes: { ${id}: ${plain ? name : JSON.stringify(name)} }`
}
