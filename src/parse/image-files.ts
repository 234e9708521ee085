/**
 * The images a story takes from the content folder: every image address that is not an
 * `http:`/`https:` URL, with the file it names. Each story is parsed on its own, so this
 * only works out paths; whether the file is there, and the URL it gets, is the site
 * stage's to decide (`site/images.ts`).
 */
import path from 'node:path'
import type { Position } from 'unist'
import type { Block, ImageFile, Phrasing } from '../model/article.js'
import { urlScheme } from '../content/url-scheme.js'
import { forEachBlock } from './blocks.js'

/**
 * The file an image address names, relative to the content folder: an address starting
 * with `/` from the content folder (`/images/x.png` → `images/x.png`), any other from the
 * story's own folder (`bridge.png` beside `world/story.md` → `world/bridge.png`). A query
 * or fragment is not part of the file's name, and `%20` is a space.
 *
 * @param sourcePath The story's path relative to the content folder.
 * @returns `{ isLocal: false }` for an address on another host (`https:`, `//host/…`);
 *   `path` is `undefined` when the address leads outside the content folder.
 */
export function imageFilePath(url: string, sourcePath: string): { readonly isLocal: false } | { readonly isLocal: true; readonly path: string | undefined } {
  if (urlScheme(url) !== '' || /^\s*[\\/]{2}/.test(url)) return { isLocal: false }
  let target = url.trim().replace(/[?#][\s\S]*$/, '').replaceAll('\\', '/')
  try {
    target = decodeURIComponent(target)
  } catch {
    // A lone `%` is a character of the name, as a browser would send it.
  }
  if (target === '' || target.includes('\0')) return { isLocal: true, path: undefined }
  const joined = target.startsWith('/') ? target.replace(/^\/+/, '') : path.posix.join(path.posix.dirname(sourcePath), target)
  const normal = path.posix.normalize(joined)
  const isOutside = normal === '.' || normal === '..' || normal.startsWith('../') || normal.startsWith('/') || normal.endsWith('/')
  return { isLocal: true, path: isOutside ? undefined : normal.normalize('NFC') }
}

/**
 * Every image of the content folder a story uses: the lead image first, then the body's
 * in reading order, each address once (at its first place).
 *
 * @param lead The front matter image with the place of its value, if any.
 */
export function collectImageFiles(lead: { readonly url: string; readonly position: Position } | undefined, body: readonly Block[], sourcePath: string): ImageFile[] {
  const files: ImageFile[] = []
  const seen = new Set<string>()
  const add = (url: string, position: Position | undefined): void => {
    if (seen.has(url) || position === undefined) return
    const named = imageFilePath(url, sourcePath)
    if (!named.isLocal) return
    seen.add(url)
    files.push({ url, ...(named.path === undefined ? {} : { path: named.path }), position })
  }
  const visitPhrasing = (nodes: readonly Phrasing[]): void => {
    for (const node of nodes) {
      if (node.type === 'image') add(node.url, node.position)
      else if ('children' in node) visitPhrasing(node.children)
    }
  }
  if (lead) add(lead.url, lead.position)
  forEachBlock(body, (block) => {
    if (block.type === 'image') add(block.url, block.position)
    else if (block.type === 'paragraph' || block.type === 'subheading' || block.type === 'editorsNote') visitPhrasing(block.children)
  })
  return files
}
