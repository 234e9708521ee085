import { describe, expect, it } from 'vitest'
import type { Block } from '../../../src/model/article.js'
import { collectImageFiles, imageFilePath } from '../../../src/parse/image-files.js'

const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column } })

describe('imageFilePath', () => {
  it.each([
    ['bridge.png', 'world/story.md', 'world/bridge.png'],
    ['./photos/bridge.png', 'world/story.md', 'world/photos/bridge.png'],
    ['../images/x.png', 'world/story.md', 'images/x.png'],
    ['/images/x.png', 'world/2026/story.md', 'images/x.png'],
    ['my%20photo.jpg?v=2#top', 'world/story.md', 'world/my photo.jpg'],
    ['images\\x.png', 'story.md', 'images/x.png'],
  ])('should find `%s` in `%s` at `%s`', (url, sourcePath, expected) => {
    expect(imageFilePath(url, sourcePath)).toEqual({ isLocal: true, path: expected })
  })

  it.each(['../../x.png', '/../x.png', '..', '#only-a-fragment'])('should say `%s` leads outside the content folder', (url) => {
    expect(imageFilePath(url, 'world/story.md')).toEqual({ isLocal: true, path: undefined })
  })

  it.each(['https://cdn.example.org/a.jpg', 'HTTP://example.org/a.jpg', '//cdn.example.org/a.jpg'])('should leave `%s` to its own host', (url) => {
    expect(imageFilePath(url, 'world/story.md')).toEqual({ isLocal: false })
  })
})

describe('collectImageFiles', () => {
  it('should list the lead image first, then the body’s in reading order, each address once', () => {
    const body: Block[] = [
      { type: 'image', url: 'map.png', alt: '', position: at(8, 1) },
      {
        type: 'paragraph',
        id: 'p-1',
        position: at(10, 1),
        children: [{ type: 'emphasis', children: [{ type: 'image', url: '/images/x.png', alt: '', position: at(10, 2) }] }, { type: 'image', url: 'https://cdn.example.org/a.jpg', alt: '', position: at(10, 20) }],
      },
      { type: 'list', ordered: false, position: at(12, 1), items: [[{ type: 'image', url: 'map.png', alt: '', position: at(12, 3) }]] },
    ]
    expect(collectImageFiles({ url: 'bridge.png', position: at(4, 8) }, body, 'world/story.md')).toEqual([
      { url: 'bridge.png', path: 'world/bridge.png', position: at(4, 8) },
      { url: 'map.png', path: 'world/map.png', position: at(8, 1) },
      { url: '/images/x.png', path: 'images/x.png', position: at(10, 2) },
    ])
  })
})
