/**
 * An editor's aside is a paragraph wholly in parentheses, such as
 * `(For more on Falk's meeting with Ambassador Sin, read her WorldWatch Blog.)`.
 * A parenthesis that closes before the end (`(AP) Officials said…`) does not count.
 */
export function isEditorsNote(text: string): boolean {
  const trimmed = text.trim()
  if (!trimmed.startsWith('(') || !trimmed.endsWith(')') || trimmed.length < 8) return false
  let depth = 0
  for (let index = 0; index < trimmed.length; index++) {
    const char = trimmed[index]
    if (char === '(') depth++
    else if (char === ')') {
      depth--
      if (depth === 0 && index < trimmed.length - 1) return false
    }
  }
  return depth === 0
}
