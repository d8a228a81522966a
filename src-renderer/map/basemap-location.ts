// Where the renderer reads a saved PMTiles basemap from. A URL is fetched as it is; a local path
// can be read only in the desktop app, whose main process serves that one file (the path in the
// settings) on its own origin with Range support. In a browser a path needs the file chosen again.

/** Same as src-main/electron/basemap-file.ts HOST_BASEMAP_PATH (a test holds them together). */
export const HOST_BASEMAP_PATH = '/basemap/current.pmtiles'

export function isUrl(path: string): boolean {
  return /^(https?|file):\/\//i.test(path)
}

/**
 * The URL to read the saved basemap from, or null when this page cannot read it. The path goes
 * into the query only so that choosing another file changes the URL (PMTiles caches by URL);
 * the desktop host ignores it and reads the file named in its settings.
 */
export function pmtilesLocation(path: string, pageOrigin: string): string | null {
  if (isUrl(path)) return path
  if (pageOrigin.startsWith('app://') && isAbsolutePath(path)) return `${pageOrigin}${HOST_BASEMAP_PATH}?v=${encodeURIComponent(path)}`
  return null
}

/** POSIX (/…), Windows drive (C:\… or C:/…) or UNC (\\server\…) paths; a bare file name is not one. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path)
}
