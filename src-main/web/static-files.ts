// Maps a request path to a file of the built renderer without ever leaving its folder
// (no `..`, no encoded separators, no symlink escape), with the MIME type to send it as.
import { realpath, stat } from 'node:fs/promises'
import path from 'node:path'

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Paths that are the renderer's single page: the console and the wall view. */
export const PAGE_PATHS: ReadonlySet<string> = new Set(['/', '/index.html', '/wall', '/wall/'])

export type StaticFile = { file: string; mime: string; size: number; isPage: boolean }

/**
 * Resolves the path part of a URL (no query) to a regular file under `root`, or null.
 * Only plain segments of [A-Za-z0-9._-] are accepted, which rules out traversal and
 * encoded tricks before the file system is even asked.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  const isPage = PAGE_PATHS.has(urlPath)
  const rel = isPage ? 'index.html' : urlPath.replace(/^\//, '')
  const segments = rel.split('/')
  if (segments.some((s) => !/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(s) || s.includes('..'))) return null
  const base = path.resolve(root)
  const candidate = path.join(base, ...segments)
  try {
    const [realBase, realFile] = await Promise.all([realpath(base), realpath(candidate)])
    if (!realFile.startsWith(realBase + path.sep)) return null
    const info = await stat(realFile)
    if (!info.isFile()) return null
    return { file: realFile, mime: mimeType(realFile), size: info.size, isPage }
  } catch {
    return null
  }
}
