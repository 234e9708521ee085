import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { configFromFile } from '../../../src/content/config.js'

function check(text: string) {
  const file = new VFile({ path: 'dateline.config.json', value: text })
  const config = configFromFile(file)
  return { config, messages: file.messages.map((m) => ({ rule: m.ruleId, line: m.line, column: m.column, fatal: m.fatal, reason: m.reason, hint: m.note })) }
}

describe('configFromFile', () => {
  it('should read a valid configuration with defaults for the rest', () => {
    const { config, messages } = check('{"title": "The Gazette", "pageSize": 5}')
    expect(messages).toEqual([])
    expect(config).toEqual(expect.objectContaining({ title: 'The Gazette', pageSize: 5, basePath: '/' }))
  })

  it('should name a misspelt key at its place and suggest the right one, not "`(root)`: Unrecognized key"', () => {
    const { config, messages } = check('{\n  "title": "X",\n  "pagesize": 3\n}\n')
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      {
        rule: 'config-unknown-key',
        line: 3,
        column: 3,
        fatal: true,
        reason: 'Unexpected key `pagesize` in dateline.config.json, did you mean `pageSize`?',
        hint: 'Rename it to `pageSize`.',
      },
    ])
  })

  it('should list the known keys for a key like none of them', () => {
    const { messages } = check('{"colour": "blue"}')
    expect(messages).toEqual([expect.objectContaining({ rule: 'config-unknown-key', line: 1, column: 2, reason: 'Unexpected key `colour` in dateline.config.json, expected one Dateline knows', hint: expect.stringContaining('`baseUrl`') })])
  })

  it('should say what a key takes and what it found, at the key', () => {
    const { messages } = check('{\n  "baseUrl": "ftp://example.org"\n}')
    expect(messages).toEqual([
      expect.objectContaining({
        rule: 'config-invalid',
        line: 2,
        column: 3,
        reason: 'Unexpected value for `baseUrl` in dateline.config.json: expected the origin the site is served from, with `https://` (or `http://`), found the text `ftp://example.org`',
        hint: 'Write it as `"baseUrl": "https://gazette.example.org"`.',
      }),
    ])
  })

  it('should point at the place where the text stops being JSON', () => {
    const { config, messages } = check('{\n  "title": "X",\n}\n')
    expect(config).toBeUndefined()
    expect(messages).toEqual([expect.objectContaining({ rule: 'config-json', line: 3, column: 1, reason: 'Unexpected content in dateline.config.json, expected JSON: unexpected `}`' })])
  })
})
