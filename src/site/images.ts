/**
 * Images from the content folder: each file a published story uses gets one URL (its path
 * in the content folder, under the base path: `content/world/bridge.jpg` →
 * `/news/world/bridge.jpg`), used by the page, the cards, Open Graph and JSON-LD alike, and
 * is copied to the same path in the output. An image the story names that cannot be
 * copied is a problem at the place the story names it.
 */
import type { Position } from 'unist'
import type { ArticleEntry } from '../model/site.js'
import { imageExtension, imageExtensions } from '../content/image-types.js'
import { imageFilePath } from '../parse/image-files.js'

/** What the load stage found of an image file in the content folder. */
export interface ImageFileFound {
  /** A symbolic link, which is never followed. */
  readonly isLink: boolean
}

/** Where a story uses an image: the story's source path, the address as written, its place. */
interface ImageUse {
  readonly sourcePath: string
  readonly url: string
  readonly position: Position
}

/** An image file to copy into the output, once however many stories use it. */
export interface ImageCopy {
  /** Path in the content folder, which is also its path in the output folder. */
  readonly path: string
  readonly url: string
  /** The first story to use it, for a message if the copy fails. */
  readonly usedBy: ImageUse
}

/** An image a story uses that will be missing from the site, and what to do about it. */
export interface ImageProblem extends ImageUse {
  readonly reason: string
  readonly hint: string
}

export interface ImagePlan {
  /** Each image address of each story → its URL: `articleId → address → URL`. */
  readonly urls: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly copies: readonly ImageCopy[]
  readonly problems: readonly ImageProblem[]
}

/** First folders of the output the site fills itself: an image there would collide with its files. */
const reservedFolders: ReadonlySet<string> = new Set(['assets', 'pagefind', 'pagefind-delta'])

/** The URL of the content file `filePath` (`world/my photo.jpg` → `/base/world/my%20photo.jpg`). */
function imageUrl(basePath: string, filePath: string): string {
  return basePath + filePath.split('/').map(encodeURIComponent).join('/')
}

/**
 * Give every image the published stories take from the content folder its URL, and say
 * which files to copy and which are missing.
 *
 * @param found The image files in the content folder (default: none known, so no copies
 *   and no problems: the URLs alone, as a plan without a content folder needs).
 */
export function planImages(entries: readonly ArticleEntry[], basePath: string, found?: ReadonlyMap<string, ImageFileFound>, siteImages: readonly string[] = []): ImagePlan {
  const urls: Record<string, Record<string, string>> = {}
  const copies = new Map<string, ImageCopy>()
  const problems: ImageProblem[] = []
  // Names by lower case, for a hint when only the case differs (hosts tell `A.jpg` from `a.jpg`).
  let folded: Map<string, string> | undefined
  const foldedName = (filePath: string): string | undefined => {
    if (found === undefined) return undefined
    folded ??= new Map([...found.keys()].map((name) => [name.toLowerCase(), name]))
    return folded.get(filePath.toLowerCase())
  }
  for (const { article } of entries) {
    for (const image of article.imageFiles ?? []) {
      const use: ImageUse = { sourcePath: article.sourcePath, url: image.url, position: image.position }
      const shown = `\`${image.url.length > 80 ? `${image.url.slice(0, 79)}…` : image.url}\``
      if (image.path === undefined) {
        problems.push({ ...use, reason: `Unexpected image ${shown}, expected a file inside the content folder: the address leads outside it`, hint: 'Move the image into the content folder and write its address from the story’s folder (`bridge.jpg`) or from the content folder (`/images/bridge.jpg`).' })
        continue
      }
      const url = imageUrl(basePath, image.path)
      ;(urls[article.id] ??= {})[image.url] = url
      if (found === undefined) continue
      const extension = imageExtension(image.path)
      const problem = (reason: string, hint: string): void => void problems.push({ ...use, reason: `Unexpected image ${shown}: ${reason}`, hint })
      if (!imageExtensions.has(extension)) {
        problem(
          `\`${extension || 'a file without an extension'}\` is not an image type Dateline copies, so it would be missing from the site`,
          extension === '.svg' ? 'An SVG file can carry scripts, so it is never published from the content folder: export it as PNG or WebP.' : 'Save it as JPEG, PNG, GIF, WebP or AVIF.',
        )
        continue
      }
      if (reservedFolders.has(image.path.split('/')[0] ?? '')) {
        problem(`\`${image.path}\` is in \`${image.path.split('/')[0]}/\`, a folder the site fills with its own files, so it is not copied`, 'Move it to another folder of the content folder, such as `images/`.')
        continue
      }
      const file = found.get(image.path)
      if (file === undefined) {
        const near = foldedName(image.path)
        problem(
          `there is no file \`${image.path}\` in the content folder, so the image would be missing from the site`,
          near !== undefined
            ? `The file is \`${near}\`: write the name with the same capitals, as most hosts tell them apart.`
            : `Put the image at \`${image.path}\` in the content folder (an address without \`/\` is read from the story’s own folder, one starting with \`/\` from the content folder), or correct the address.`,
        )
        continue
      }
      if (file.isLink) {
        problem(`\`${image.path}\` is a symbolic link, which is never followed, so the image would be missing from the site`, 'Copy the image into the content folder instead of linking to it.')
        continue
      }
      if (!copies.has(image.path)) copies.set(image.path, { path: image.path, url, usedBy: use })
    }
  }
  // Site-wide images (the publisher's logo) are copied when the content folder has them;
  // they may as well be served from elsewhere, so one that is not there is no problem.
  for (const address of siteImages) {
    const named = imageFilePath(address, '')
    if (!named.isLocal || named.path === undefined || copies.has(named.path)) continue
    const file = found?.get(named.path)
    if (file !== undefined && !file.isLink && !reservedFolders.has(named.path.split('/')[0] ?? '')) {
      copies.set(named.path, { path: named.path, url: imageUrl(basePath, named.path), usedBy: { sourcePath: '', url: address, position: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } } })
    }
  }
  return { urls, copies: [...copies.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), problems }
}
