import { mkdtempSync, statSync, utimesSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { cacheKey, type CardEntry, cardEntry, cardHash, defaultCacheDir, openArticleCache, readCard, readCardLine, readEntry, readSearchText, restoreMessages, storeMessages, writeEntry } from '../../../src/cache/article-cache.js'
import { parseArticle } from '../../../src/parse/article.js'
import { report } from '../../../src/content/report.js'

describe('article cache', () => {
  it('should miss a key that was never stored', async () => {
    const cache = openArticleCache(mkdtempSync(path.join(tmpdir(), 'dateline-cache-')))
    expect(await cache.get('ab'.repeat(32))).toBeUndefined()
  })

  it('should return the text that was stored under a key', async () => {
    const cache = openArticleCache(mkdtempSync(path.join(tmpdir(), 'dateline-cache-')))
    const key = cacheKey('text', 'world/a.md', 'v1', { attribute: true })
    await cache.set(key, '{"article":null,"messages":[]}')
    expect(await cache.get(key)).toBe('{"article":null,"messages":[]}')
  })

  it('should read the line of a card alone, or with the search text, however long and whatever their characters, and the whole entry as written', async () => {
    const cache = openArticleCache(mkdtempSync(path.join(tmpdir(), 'dateline-cache-')))
    // Lines around the 16 KB read size, with three- and four-byte characters across its edges.
    for (const length of [10, 5_461, 5_462, 16_383, 16_384, 40_000]) {
      for (const searchLength of [4, 5_461, 16_384]) {
        const key = cacheKey(`${length} ${searchLength}`, 'world/a.md', 'v1', {})
        const card = JSON.stringify({ article: null, messages: [{ reason: '“é😀'.repeat(length / 4) }] })
        const search = JSON.stringify('‘ü😀 '.repeat(searchLength / 4))
        const text = `${card}\n${search}\n{"article":null,"messages":[]}`
        await cache.set(key, text)
        expect(await cache.get(key, { lines: 1 })).toBe(card)
        expect(await cache.get(key, { lines: 2 })).toBe(`${card}\n${search}`)
        expect(readSearchText((await cache.get(key, { lines: 2 })) ?? '')).toBe(JSON.parse(search))
        expect(readCardLine(card)).toEqual(readCard(text))
        expect(await cache.get(key)).toBe(text)
      }
    }
  })

  it('should miss a card whose entry was cut short, as a whole read would', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-cache-'))
    const cache = openArticleCache(dir)
    const key = cacheKey('cut', 'world/a.md', 'v1', {})
    await cache.set(key, '{"article":null,"messages":[]}\n{"article":null,"mess')
    expect(await cache.get(key, { lines: 1 })).toBeUndefined()
    await cache.set(key, '')
    expect(await cache.get(key, { lines: 1 })).toBeUndefined()
    expect(readCardLine('{"article":null,"messages":[]}\n{}')).toBeUndefined()
  })

  it('should prune entries unused for a week, but never one this process read or wrote', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-cache-'))
    const writer = openArticleCache(dir)
    const [fresh, old, oldButRead] = ['a', 'b', 'c'].map((text) => cacheKey(text, 'world/a.md', 'v1', {})) as [string, string, string]
    for (const key of [fresh, old, oldButRead]) await writer.set(key, '{"article":null,"messages":[]}')
    const longAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000)
    for (const key of [old, oldButRead]) utimesSync(path.join(dir, key.slice(0, 2), `${key}.json`), longAgo, longAgo)
    const reader = openArticleCache(dir)
    expect(await reader.get(oldButRead)).toBeDefined()
    expect(await reader.prune()).toBe(1)
    expect(await reader.get(old)).toBeUndefined()
    expect(await reader.get(fresh)).toBeDefined()
    expect(await reader.get(oldButRead)).toBeDefined()
  })

  it('should mark an entry used when read, at most once a day', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-cache-'))
    const cache = openArticleCache(dir)
    const [stale, recent] = ['a', 'b'].map((text) => cacheKey(text, 'world/a.md', 'v1', {})) as [string, string]
    const fileOf = (key: string) => path.join(dir, key.slice(0, 2), `${key}.json`)
    for (const key of [stale, recent]) await cache.set(key, '{"article":null,"messages":[]}\n{"article":null,"messages":[]}')
    const days = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000)
    utimesSync(fileOf(stale), days(3), days(3))
    utimesSync(fileOf(recent), days(0.5), days(0.5))
    expect(await cache.get(stale, { lines: 1 })).toBeDefined()
    expect(await cache.get(recent)).toBeDefined()
    expect(statSync(fileOf(stale)).mtimeMs).toBeGreaterThan(days(0.01).getTime())
    expect(statSync(fileOf(recent)).mtimeMs).toBeCloseTo(days(0.5).getTime(), -3)
  })

  it('should prune at most once per interval when given one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dateline-cache-'))
    const cache = openArticleCache(dir)
    const longAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000)
    const addOld = async (text: string): Promise<void> => {
      const key = cacheKey(text, 'world/a.md', 'v1', {})
      await openArticleCache(dir).set(key, '{"article":null,"messages":[]}')
      utimesSync(path.join(dir, key.slice(0, 2), `${key}.json`), longAgo, longAgo)
    }
    const day = 24 * 60 * 60 * 1000
    await addOld('a')
    expect(await cache.prune(undefined, day)).toBe(1)
    await addOld('b')
    expect(await cache.prune(undefined, day)).toBe(0)
    // The last prune a day and more ago: this one runs.
    utimesSync(path.join(dir, 'pruned'), longAgo, longAgo)
    expect(await cache.prune(undefined, day)).toBe(1)
  })

  it('should change the key when the text, the path, the code or the options change', () => {
    const base = cacheKey('text', 'world/a.md', 'v1', { attribute: true })
    expect(cacheKey('text.', 'world/a.md', 'v1', { attribute: true })).not.toBe(base)
    expect(cacheKey('text', 'world/b.md', 'v1', { attribute: true })).not.toBe(base)
    expect(cacheKey('text', 'world/a.md', 'v2', { attribute: true })).not.toBe(base)
    expect(cacheKey('text', 'world/a.md', 'v1', { attribute: false })).not.toBe(base)
    expect(cacheKey('text', 'world/a.md', 'v1', { attribute: true })).toBe(base)
  })

  it('should place the cache beside the content folder', () => {
    expect(defaultCacheDir('/site/content')).toBe(path.join('/site', '.cache', 'dateline'))
  })

  it('should give back the same messages after storing them', () => {
    const original = new VFile({ path: 'a.md', value: 'x' })
    report(original, 'quote-unbalanced', 'Unexpected mark', { line: 2, column: 3 })
    report(original, 'url-collision', 'Unexpected second article')
    const entry = readEntry(writeEntry({ article: undefined, messages: storeMessages(original) }))
    const copy = new VFile({ path: 'a.md', value: 'x' })
    restoreMessages(copy, entry?.messages ?? [])
    expect(copy.messages.map((message) => [message.reason, message.ruleId, message.fatal, message.line, message.column, message.note])).toEqual(
      original.messages.map((message) => [message.reason, message.ruleId, message.fatal, message.line, message.column, message.note]),
    )
  })
})

describe('an entry and its card', () => {
  const file = new VFile({ path: 'world/port.md', value: '---\ntitle: Port reopens\ndate: 2026-03-01\n---\n\nThe port reopened on Monday.\n\n"We are open," said Ana Ruiz, the harbor master.\n\nShips queued all day.\n' })
  file.data.sourcePath = 'world/port.md'
  const article = parseArticle(file)
  const text = writeEntry({ article, messages: storeMessages(file) }, 'the words a reader can find')

  it('should store the card on the first line, the search text on the second and the whole entry on the third', () => {
    expect(article?.quotes[0]?.attribution).toBeDefined()
    expect(text.split('\n')).toHaveLength(3)
    expect(readSearchText(text)).toBe('the words a reader can find')
    const card = cardHash(JSON.stringify(cardEntry({ article, messages: [] }).article))
    expect(readEntry(text)).toEqual({ article, messages: storeMessages(file), card })
    expect(readCard(text)).toEqual({ ...cardEntry({ article, messages: storeMessages(file) }), card })
    // The card: the first paragraph only, and quotes without how they were attributed.
    expect(readCard(text)?.article?.body).toHaveLength(1)
    expect(readCard(text)?.article?.quotes[0]?.attribution).toBeUndefined()
    expect(readCard(text)?.article?.quotes[0]?.speakerId).toBe(article?.quotes[0]?.speakerId)
  })

  it('should give a story and its card, read back from either line, the same card hash', () => {
    const hashOf = (entry: CardEntry | undefined) => cardHash(JSON.stringify(cardEntry({ article: entry?.article, messages: [] }).article))
    expect(hashOf(readEntry(text))).toBe(readEntry(text)?.card)
    expect(hashOf(readCard(text))).toBe(readCard(text)?.card)
    expect(readCard(text)?.card).toMatch(/^[0-9a-f]{20}$/)
  })

  it('should carry the prerendered body on the card line, read back by every reader of the entry', () => {
    const body = { threshold: 0.97, before: '<p>The port reopened.</p>\n', after: '<p>Ships queued.</p>\n', pullQuoteId: 'q-1', anchored: ['q-1'] }
    const withBody = writeEntry({ article, messages: storeMessages(file), body }, 'words')
    const [first] = withBody.split('\n')
    expect(readCard(withBody)?.body).toEqual(body)
    expect(readCardLine(first ?? '')?.body).toEqual(body)
    expect(readEntry(withBody)).toEqual({ ...readEntry(text), body })
    // Not on the whole entry's line: stored once.
    expect(withBody.split('\n')[2]).toBe(text.split('\n')[2])
    expect(readEntry(text)?.body).toBeUndefined()
  })

  it('should not take words of a story for its prerendered body', () => {
    const tricky = new VFile({ path: 'world/json.md', value: '---\ntitle: \'A ,"body":{"threshold":1} headline\'\ndate: 2026-03-01\n---\n\nThe words ,"body":{"x":1}} and more.\n' })
    tricky.data.sourcePath = 'world/json.md'
    const story = parseArticle(tricky)
    const stored = writeEntry({ article: story, messages: storeMessages(tricky) })
    expect(story?.headline).toContain(',"body":{')
    expect(readEntry(stored)?.body).toBeUndefined()
    expect(readEntry(stored)?.article).toEqual(story)
  })

  it('should read an entry whose prerendered body is damaged as one without it', () => {
    const damaged = writeEntry({ article, messages: storeMessages(file), body: { threshold: 0.97, before: 'x', after: '', pullQuoteId: undefined, anchored: [] } }).replace('"before":"x"', '"before":7')
    expect(readEntry(damaged)).toEqual(readEntry(text))
    expect(readCard(damaged)?.body).toBeUndefined()
  })

  it('should make the card of a card the card itself', () => {
    const card = cardEntry({ article, messages: [] })
    expect(cardEntry(card)).toEqual(card)
  })
})

describe('a damaged cache entry', () => {
  it('should read as no entry at all', () => {
    expect(readEntry('{"article":null,"mess')).toBeUndefined()
    expect(readEntry('{}')).toBeUndefined()
    expect(readEntry('{"article":null,"messages":[]}\n{"article":null,"mess')).toBeUndefined()
    expect(readCard('{"article":null,"mess')).toBeUndefined()
    expect(readCard('{"article":null,"messages":[]}\n{"article":null,"mess')).toBeUndefined()
    expect(readCard('null\n{}')).toBeUndefined()
  })
})
