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

  it('should read `attribution.threshold`, and default it when the key is not there', () => {
    expect(check('{"attribution": {"threshold": 0.5}}').config?.attribution).toEqual({ threshold: 0.5 })
    expect(check('{}').config?.attribution).toEqual({ threshold: 0.97 })
  })

  it('should suggest the key a misspelt one inside `attribution` most likely means, at its place', () => {
    const { config, messages } = check('{\n  "attribution": { "thresold": 0.8 }\n}')
    expect(config).toBeUndefined()
    expect(messages).toEqual([
      expect.objectContaining({
        rule: 'config-unknown-key',
        line: 2,
        column: 20,
        reason: 'Unexpected key `thresold` in `attribution` of dateline.config.json, did you mean `threshold`?',
        hint: 'Rename it to `threshold`.',
      }),
    ])
    expect(check('{"atribution": {"threshold": 0.8}}').messages).toEqual([expect.objectContaining({ rule: 'config-unknown-key', reason: 'Unexpected key `atribution` in dateline.config.json, did you mean `attribution`?' })])
    // Unlike any key it takes: the list is of `attribution`'s own keys, not the file's.
    expect(check('{"attribution": {"colour": 1}}').messages).toEqual([expect.objectContaining({ rule: 'config-unknown-key', hint: 'Remove it, or use one of `threshold` (see Configuration in the README).' })])
  })

  it('should say what `attribution` and its threshold take, with an example', () => {
    const hint = 'Write it as `"attribution": { "threshold": 0.9 }`.'
    expect(check('{"attribution": {"threshold": 2}}').messages).toEqual([
      expect.objectContaining({ rule: 'config-invalid', line: 1, column: 18, reason: 'Unexpected value for `attribution.threshold` in dateline.config.json: expected a confidence from 0 to 1', hint }),
    ])
    expect(check('{"attribution": 0.8}').messages).toEqual([
      expect.objectContaining({
        rule: 'config-invalid',
        reason: 'Unexpected value for `attribution` in dateline.config.json: expected the publication policy for attributions, an object such as `{"threshold": 0.9}`, found `0.8`',
        hint,
      }),
    ])
  })
})
