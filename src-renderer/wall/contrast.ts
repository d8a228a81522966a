// WCAG 2 contrast between two sRGB colours (#rgb or #rrggbb): the ratio (L1 + 0.05) / (L2 + 0.05)
// of relative luminances, 1 to 21. The wall's map symbols are checked with it against the wall's
// background (docs/wall.md): text needs 4.5:1 (AA), a non-text symbol 3:1 (WCAG 1.4.11).

/** [r, g, b] in 0–255 from #rgb or #rrggbb; throws on anything else (a typo in a palette is a bug). */
export function parseHex(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim())
  if (!m?.[1]) throw new Error(`not a #rgb or #rrggbb colour: ${JSON.stringify(hex)}`)
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1]
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number]
}

/** Relative luminance (WCAG 2.x definition, sRGB linearised). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

/** Contrast ratio, symmetric in its arguments. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)]
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}

/** WCAG minimums used on the wall. */
export const MIN_CONTRAST = { text: 4.5, largeText: 3, symbol: 3 } as const
