import { describe, expect, it } from 'vitest'
import type { ImageFile } from '../../../src/model/article.js'
import type { ArticleEntry } from '../../../src/model/site.js'
import { planImages } from '../../../src/site/images.js'
import { makeArticle } from '../../helpers/article.js'

const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column } })

function entry(id: string, imageFiles: ImageFile[]): ArticleEntry {
  return { article: makeArticle({ id, sourcePath: `${id}.md`, imageFiles }), url: `/${id}/`, outputPath: `${id}/index.html` }
}

const found = new Map([
  ['world/bridge.jpg', { isLink: false }],
  ['images/Map.png', { isLink: false }],
  ['images/linked.png', { isLink: true }],
  ['assets/logo.png', { isLink: false }],
  ['images/logo.png', { isLink: false }],
])

describe('planImages', () => {
  it('should give each image one URL under the base path and copy each file once', () => {
    const plan = planImages(
      [entry('world/a', [{ url: 'bridge.jpg', path: 'world/bridge.jpg', position: at(4, 8) }]), entry('world/b', [{ url: '/world/bridge.jpg', path: 'world/bridge.jpg', position: at(9, 1) }])],
      '/news/',
      found,
    )
    expect(plan.urls).toEqual({ 'world/a': { 'bridge.jpg': '/news/world/bridge.jpg' }, 'world/b': { '/world/bridge.jpg': '/news/world/bridge.jpg' } })
    expect(plan.copies.map((copy) => [copy.path, copy.url, copy.usedBy.sourcePath])).toEqual([['world/bridge.jpg', '/news/world/bridge.jpg', 'world/a.md']])
    expect(plan.problems).toEqual([])
  })

  it('should encode a name a URL cannot hold as it is', () => {
    const plan = planImages([entry('a', [{ url: 'my photo #1.jpg', path: 'my photo #1.jpg', position: at(1, 1) }])], '/', new Map())
    expect(plan.urls['a']?.['my photo #1.jpg']).toBe('/my%20photo%20%231.jpg')
  })

  it('should report each image that would be missing, at its place, with a hint for its cause', () => {
    const plan = planImages(
      [
        entry('world/a', [
          { url: 'gone.jpg', path: 'world/gone.jpg', position: at(4, 8) },
          { url: '/images/map.png', path: 'images/map.png', position: at(9, 1) },
          { url: '/images/linked.png', path: 'images/linked.png', position: at(10, 1) },
          { url: 'chart.svg', path: 'world/chart.svg', position: at(11, 1) },
          { url: '/assets/logo.png', path: 'assets/logo.png', position: at(12, 1) },
          { url: '../../x.png', position: at(13, 1) },
        ]),
      ],
      '/',
      found,
    )
    expect(plan.copies).toEqual([])
    expect(plan.problems.map((problem) => [problem.sourcePath, problem.position.start.line, problem.reason, problem.hint])).toEqual([
      ['world/a.md', 4, 'Unexpected image `gone.jpg`: there is no file `world/gone.jpg` in the content folder, so the image would be missing from the site', expect.stringContaining('Put the image at `world/gone.jpg`')],
      ['world/a.md', 9, expect.stringContaining('no file `images/map.png`'), 'The file is `images/Map.png`: write the name with the same capitals, as most hosts tell them apart.'],
      ['world/a.md', 10, expect.stringContaining('is a symbolic link'), 'Copy the image into the content folder instead of linking to it.'],
      ['world/a.md', 11, expect.stringContaining('`.svg` is not an image type'), expect.stringContaining('can carry scripts')],
      ['world/a.md', 12, expect.stringContaining('a folder the site fills with its own files'), expect.stringContaining('images/')],
      ['world/a.md', 13, 'Unexpected image `../../x.png`, expected a file inside the content folder: the address leads outside it', expect.stringContaining('Move the image')],
    ])
    // The URLs are where the files would be, whether they are there or not.
    expect(plan.urls['world/a']?.['gone.jpg']).toBe('/world/gone.jpg')
    expect(plan.urls['world/a']?.['../../x.png']).toBeUndefined()
  })

  it('should copy the publisher’s logo when the content folder has it, and say nothing when not', () => {
    expect(planImages([], '/news/', found, ['/images/logo.png']).copies.map((copy) => [copy.path, copy.url])).toEqual([['images/logo.png', '/news/images/logo.png']])
    expect(planImages([], '/news/', found, ['https://cdn.example.org/logo.png', '/images/none.png'])).toEqual({ urls: {}, copies: [], problems: [] })
  })
})
