import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { build, type BuildOptions, type BuildResult, createSiteBuilder } from '../../../src/build.js'
import type { OutputFile } from '../../../src/model/site.js'
import { writeSite } from '../../../src/write/write-site.js'
import { testConfig } from '../../helpers/article.js'

const root = path.dirname(fileURLToPath(new URL('../../../package.json', import.meta.url)))

/** A few bytes that stand for a photo: the build copies bytes, it never decodes them. */
const photo = (seed: number): Uint8Array => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, seed, seed + 1, seed + 2])

const story = `---
title: The bridge reopens
date: 2026-09-21
image:
  url: bridge.png
  alt: The old bridge at dawn
  caption: The bridge on Monday, after two years of repairs.
  credit: Jane Doe/Gazette
---

The bridge reopened on Monday after two years of repairs, the city said.

![The detour, on a map](/images/map.png)

A second picture was promised: ![the crowd](crowd.png)
`

function site(): { cwd: string; contentDir: string; options: BuildOptions } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-images-'))
  const contentDir = path.join(cwd, 'content')
  mkdirSync(path.join(contentDir, 'world'), { recursive: true })
  mkdirSync(path.join(contentDir, 'images'))
  writeFileSync(path.join(contentDir, 'world', 'bridge.md'), story)
  writeFileSync(path.join(contentDir, 'world', 'bridge.png'), photo(1))
  writeFileSync(path.join(contentDir, 'images', 'map.png'), photo(2))
  writeFileSync(path.join(contentDir, 'images', 'unused.png'), photo(3))
  writeFileSync(path.join(contentDir, 'world', 'plans.md'), '---\ntitle: Secret plans\ndate: 2026-09-20\ndraft: true\nimage: plans.jpg\n---\n\nNot yet.\n')
  writeFileSync(path.join(contentDir, 'world', 'plans.jpg'), photo(4))
  const options: BuildOptions = { contentDir, templatesDir: path.join(root, 'templates'), cwd, config: { ...testConfig, baseUrl: 'https://gazette.example.org', basePath: '/news/' } }
  return { cwd, contentDir, options }
}

function text(result: BuildResult, filePath: string): string {
  const file = result.files.find((candidate) => candidate.path === filePath)
  if (file === undefined) throw new Error(`no ${filePath} in the build`)
  return typeof file.contents === 'string' ? file.contents : new TextDecoder().decode(file.contents)
}

function bytes(files: readonly OutputFile[], filePath: string): Uint8Array | undefined {
  const file = files.find((candidate) => candidate.path === filePath)
  return file === undefined || typeof file.contents === 'string' ? undefined : new Uint8Array(file.contents)
}

function imageMessages(result: BuildResult): string[] {
  return result.sources.flatMap((file) => file.messages.filter((message) => message.ruleId === 'image-missing').map((message) => `${file.path}:${message.line}:${message.column} ${message.reason}`))
}

describe('images from the content folder', () => {
  it('should copy the images published stories use, and no others', async () => {
    const { options } = site()
    const result = await build(options)
    expect(bytes(result.files, 'world/bridge.png')).toEqual(photo(1))
    expect(bytes(result.files, 'images/map.png')).toEqual(photo(2))
    // Nothing uses it; and a draft's image is not published before the draft.
    expect(bytes(result.files, 'images/unused.png')).toBeUndefined()
    expect(bytes(result.files, 'world/plans.jpg')).toBeUndefined()
  })

  it('should use one URL for the lead image in the page, the cards, Open Graph and JSON-LD', async () => {
    const { options } = site()
    const result = await build(options)
    const page = text(result, 'world/bridge/index.html')
    const url = '/news/world/bridge.png'
    expect(page).toContain(`<img src="${url}" alt="The old bridge at dawn">`)
    expect(page).toContain(`<meta property="og:image" content="https://gazette.example.org${url}">`)
    expect(page).toContain(`"image":"https://gazette.example.org${url}"`)
    expect(text(result, 'index.html')).toContain(`src="${url}"`)
    expect(page).toContain('<figcaption>The bridge on Monday, after two years of repairs. <small class="story__image-credit">Jane Doe/Gazette</small></figcaption>')
    // A body image named from the content folder, under the base path on the page and in the feeds.
    expect(page).toContain('<img src="/news/images/map.png" alt="The detour, on a map"')
    expect(text(result, 'feed.xml')).toContain('/news/images/map.png')
  })

  it('should give a lead image named from the content folder (`/images/…`) the base path everywhere', async () => {
    const { contentDir, options } = site()
    writeFileSync(path.join(contentDir, 'world', 'bridge.md'), story.replace('url: bridge.png', 'url: /images/map.png'))
    const result = await build(options)
    const page = text(result, 'world/bridge/index.html')
    const urls = [
      /<img src="([^"]+)" alt="The old bridge at dawn">/.exec(page)?.[1],
      /<meta property="og:image" content="https:\/\/gazette\.example\.org([^"]+)">/.exec(page)?.[1],
      /"image":"https:\/\/gazette\.example\.org([^"]+)"/.exec(page)?.[1],
      /<img class="lead-story__image" src="([^"]+)"/.exec(text(result, 'index.html'))?.[1],
    ]
    expect(urls).toEqual(Array(4).fill('/news/images/map.png'))
  })

  it('should warn at its place about an image that is not in the content folder', async () => {
    const { options } = site()
    const result = await build(options)
    expect(imageMessages(result)).toEqual([`${path.join('content', 'world', 'bridge.md')}:15:32 Unexpected image \`crowd.png\`: there is no file \`world/crowd.png\` in the content folder, so the image would be missing from the site`])
    expect(result.sources.flatMap((file) => file.messages).find((message) => message.ruleId === 'image-missing')?.fatal).toBe(false)
  })

  it('should not follow a symbolic link to an image, and say so', async () => {
    const { cwd, contentDir, options } = site()
    writeFileSync(path.join(cwd, 'outside.png'), photo(9))
    symlinkSync(path.join(cwd, 'outside.png'), path.join(contentDir, 'world', 'crowd.png'))
    const result = await build(options)
    expect(bytes(result.files, 'world/crowd.png')).toBeUndefined()
    expect(imageMessages(result)).toEqual([expect.stringContaining('`world/crowd.png` is a symbolic link, which is never followed')])
  })

  it('should copy them the same way when pages are emitted as rendered and only cards are held (the CLI’s build)', async () => {
    const { options } = site()
    const emitted: OutputFile[] = []
    const result = await build({ ...options, cardsOnly: true, emit: async (files) => void emitted.push(...files) })
    expect(bytes(emitted, 'world/bridge.png')).toEqual(photo(1))
    expect(bytes(emitted, 'images/map.png')).toEqual(photo(2))
    expect(result.emitted.get('images/map.png')?.size).toBe(photo(2).byteLength)
    const page = emitted.find((file) => file.path === 'world/bridge/index.html')
    expect(String(page?.contents)).toContain('<img src="/news/images/map.png" alt="The detour, on a map"')
  })

  it('should write the copies into the output folder through the write stage', async () => {
    const { cwd, options } = site()
    const result = await build(options)
    const outDir = path.join(cwd, 'dist')
    await writeSite(result.files, outDir, { protectedPaths: [cwd, options.contentDir] })
    expect(new Uint8Array(readFileSync(path.join(outDir, 'world', 'bridge.png')))).toEqual(photo(1))
    expect(new Uint8Array(readFileSync(path.join(outDir, 'images', 'map.png')))).toEqual(photo(2))
  })

  it('should copy an image added while `dev` runs, and stop warning about it', async () => {
    const { contentDir, options } = site()
    const builder = createSiteBuilder(options, { keepPages: true })
    const first = await builder.build()
    expect(imageMessages(first)).toHaveLength(1)
    writeFileSync(path.join(contentDir, 'world', 'crowd.png'), photo(5))
    writeFileSync(path.join(contentDir, 'world', 'bridge.png'), photo(6))
    const second = await builder.build({ content: [path.join(contentDir, 'world', 'crowd.png'), path.join(contentDir, 'world', 'bridge.png')] })
    expect(imageMessages(second)).toEqual([])
    expect(bytes(second.files, 'world/crowd.png')).toEqual(photo(5))
    expect(bytes(second.files, 'world/bridge.png')).toEqual(photo(6))
  })
})
