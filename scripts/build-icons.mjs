// Renders the app icon from its one source drawing (resources/icon.svg) with Debian's Chromium:
// resources/icon.png (1024 px, what electron-builder reads for Linux and macOS) and
// resources/icon.ico (256/128/64/48/32/16, PNG-compressed entries, for the Windows installer).
// Run by hand when the drawing changes; the results are committed.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const svg = readFileSync(path.join(root, 'resources/icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })

async function render(size) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`)
  await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`)
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
  await page.close()
  return png
}

writeFileSync(path.join(root, 'resources/icon.png'), await render(1024))
const sizes = [256, 128, 64, 48, 32, 16]
const images = []
for (const s of sizes) images.push(await render(s))
await browser.close()

// ICO: a 6-byte header, a 16-byte entry per image, then the PNG data of each.
const header = Buffer.alloc(6)
header.writeUInt16LE(0, 0)
header.writeUInt16LE(1, 2)
header.writeUInt16LE(images.length, 4)
let offset = 6 + 16 * images.length
const entries = images.map((png, i) => {
  const e = Buffer.alloc(16)
  const s = sizes[i]
  e.writeUInt8(s >= 256 ? 0 : s, 0)
  e.writeUInt8(s >= 256 ? 0 : s, 1)
  e.writeUInt16LE(1, 4)
  e.writeUInt16LE(32, 6)
  e.writeUInt32LE(png.length, 8)
  e.writeUInt32LE(offset, 12)
  offset += png.length
  return e
})
writeFileSync(path.join(root, 'resources/icon.ico'), Buffer.concat([header, ...entries, ...images]))
console.log('wrote resources/icon.png and resources/icon.ico')
