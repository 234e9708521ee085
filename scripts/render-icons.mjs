#!/usr/bin/env node
// Renders the site icon's PNGs from templates/assets/favicon.svg with Debian's Chromium
// (the browser the tests use): favicon-32.png for browsers without SVG icons, and
// apple-touch-icon.png (180 px, square: the home screen rounds its corners itself).
// Run after changing the SVG: `node scripts/render-icons.mjs`.
import { readFile } from 'node:fs/promises'
import { chromium } from 'playwright-core'

const assets = new URL('../templates/assets/', import.meta.url)
const svg = await readFile(new URL('favicon.svg', assets), 'utf8')
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  for (const { size, file, square } of [
    { size: 32, file: 'favicon-32.png', square: false },
    { size: 180, file: 'apple-touch-icon.png', square: true },
  ]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } })
    const markup = (square ? svg.replace(/ rx="[^"]*"/, '') : svg).replace('<svg ', `<svg width="${size}" height="${size}" `)
    await page.setContent(`<html><body style="margin:0;background:transparent">${markup}</body></html>`)
    await page.screenshot({ path: new URL(file, assets).pathname, omitBackground: true })
  }
} finally {
  await browser.close()
}
