/**
 * What the browser tests share: a static file server as a plain host serves a built site
 * (the site's own 404 page, with a 404 status, for any missing file), Debian's Chromium
 * through playwright-core, and axe-core.
 */
import { readFile, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const chromiumPath = '/usr/bin/chromium'

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

/**
 * A static file server over `root`, as any plain host would serve `dist/` (at `basePath`
 * below `root`), and the origin it listens on.
 */
export async function serve(root: string, basePath: string): Promise<{ readonly server: Server; readonly origin: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost')
      let file = path.join(root, decodeURIComponent(url.pathname))
      if (!file.startsWith(root)) {
        response.writeHead(403).end()
        return
      }
      try {
        if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html')
        const body = await readFile(file)
        response.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' }).end(body)
      } catch {
        // Any missing file is the site's own 404 page, with a 404 status, as hosts do.
        const notFound = await readFile(path.join(root, basePath, '404.html')).catch(() => Buffer.from('Not found'))
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(notFound)
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  readonly id: string
  readonly nodes: readonly { readonly target: readonly string[] }[]
}

/** axe-core's violations on the page as it is now, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource })
  // A string, so the test's TypeScript needs no DOM types: it runs in the page.
  const violations = (await page.evaluate(
    'axe.run(document).then((result) => result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target })) })))',
  )) as AxeViolation[]
  return violations.map((v) => `${page.url()}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}
