/**
 * JSON-LD for `<script type="application/ld+json">`: the one JSON serializer whose output
 * templates may print raw.
 */

/**
 * Serializes `value` as JSON that is safe inside an HTML `<script>` element.
 *
 * `JSON.stringify` leaves `</script>` and `<!--` intact, which would end or confuse the
 * script element, so `<`, `>` and `&` become `\u` escapes (still the same JSON). U+2028
 * and U+2029 are escaped too, for consumers that read JSON as JavaScript.
 *
 * @param value Plain JSON data (strings, numbers, booleans, arrays, objects).
 */
export function serializeJsonLd(value: unknown): string {
  const json = JSON.stringify(value)
  // Most documents have nothing to escape: test before replacing.
  return unsafe.test(json) ? json.replace(unsafeGlobal, escapeCharacter) : json
}

const unsafe = /[<>&\u2028\u2029]/
const unsafeGlobal = /[<>&\u2028\u2029]/g

function escapeCharacter(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
}
