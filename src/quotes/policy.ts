/**
 * The publication policy for attributions (README, Quote engine): a speaker is shown as a
 * quote's author — in the "Quoted in this story" panel, on `/people/` pages, as JSON-LD
 * `creator` and `data-speaker` — only when the model is confident enough or an editor
 * confirmed it. Everything else is shown without a speaker link and listed for review.
 */
import type { CardQuote } from '../model/article.js'

/**
 * The default confidence a speaker needs to be published, chosen on `polnear-dev.jsonl`
 * (never trained on) as the lowest threshold at which published speakers were right at
 * least 97 % of the time: 0.974, for 12.8 % of the quotes (`npm run train:quotes --
 * --eval-only` prints the table). Everything else waits for an editor (`dateline check`);
 * a newsroom that prefers more speakers shown sets `attribution.threshold` lower
 * (0.90: 94 % right, 41 % shown).
 */
export const DEFAULT_PUBLISH_THRESHOLD = 0.97

/** What the policy reads of a quote. */
export interface Publishable {
  readonly speakerId?: string | undefined
  readonly confidence?: number | undefined
  /** Set by an editor's override (front matter `quotes:`): the speaker is confirmed whatever the model said. */
  readonly confirmed?: boolean | undefined
}

/** Whether the quote's speaker is published. A quote without a speaker never is. */
export function isPublished(quote: Publishable, threshold: number = DEFAULT_PUBLISH_THRESHOLD): boolean {
  if (quote.speakerId === undefined) return false
  if (quote.confirmed === true) return true
  return (quote.confidence ?? 0) >= threshold
}

/** The speaker the site may show for `quote`: its `speakerId` when published, else none. */
export function publishedSpeakerId(quote: Publishable, threshold: number): string | undefined {
  return isPublished(quote, threshold) ? quote.speakerId : undefined
}

/** The threshold of a site configuration (`attribution.threshold`), or the default. */
export function publishThreshold(config: { readonly attribution?: { readonly threshold: number } | undefined }): number {
  return config.attribution?.threshold ?? DEFAULT_PUBLISH_THRESHOLD
}

/** A quote whose attribution the site holds back: what `dateline check` lists for an editor. */
export interface HeldBackAttribution {
  readonly quote: CardQuote
  /** The name the model chose (not published). */
  readonly speaker: string
}

/**
 * The quotes of an article whose speaker is held back at `threshold`: they have a speaker,
 * but neither an editor's confirmation nor the confidence to publish it.
 *
 * @param people The article's people, to name each held-back speaker.
 */
export function heldBackAttributions(quotes: readonly CardQuote[], people: readonly { readonly id: string; readonly name: string }[], threshold: number): HeldBackAttribution[] {
  const names = new Map(people.map((person) => [person.id, person.name]))
  const held: HeldBackAttribution[] = []
  for (const quote of quotes) {
    if (quote.speakerId === undefined || isPublished(quote, threshold)) continue
    held.push({ quote, speaker: names.get(quote.speakerId) ?? quote.candidates?.[0]?.name ?? quote.speakerId })
  }
  return held
}
