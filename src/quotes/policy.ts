/**
 * The publication policy for attributions (README, Quote engine): a speaker is shown as a
 * quote's author — in the "Quoted in this story" panel, on `/people/` pages, as JSON-LD
 * `creator` and `data-speaker` — only when the model is confident enough or an editor
 * confirmed it. Everything else is shown without a speaker link and listed for review.
 */

/**
 * The default confidence a speaker needs to be published, chosen on `polnear-dev.jsonl`
 * (never trained on) as the lowest threshold at which published speakers were right at
 * least 97 % of the time: 0.973, for 12.6 % of the quotes (`npm run train:quotes --
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
