/**
 * The message catalogue in `docs/messages.md` against `src/model/messages.ts`: every rule id
 * is documented once with its severity, and the docs name no rule that does not exist.
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { rules } from '../../src/model/messages.js'

const docs = await readFile(new URL('../../docs/messages.md', import.meta.url), 'utf8')
const documented = [...docs.matchAll(/^## `([a-z-]+)`\n\n\*\*(error|warning|info)\*\*/gm)].map((match) => ({ id: match[1] as string, severity: match[2] as string }))

describe('the message catalogue', () => {
  it.each(Object.entries(rules))('should document %s with its severity in docs/messages.md', (id, rule) => {
    expect(documented.filter((entry) => entry.id === id)).toEqual([{ id, severity: rule.severity }])
  })

  it('should document no rule id that Dateline does not report', () => {
    expect(documented.map((entry) => entry.id).filter((id) => !(id in rules))).toEqual([])
  })
})
