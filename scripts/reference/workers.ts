// Groups a community's grids into grid-worker beats of ~4–8 grids: walk the grids in serpentine
// order (west→east on one lattice row, east→west on the next) and cut the walk into equal runs,
// so each beat is a compact strip rather than a scatter.
export const GRIDS_PER_WORKER = 6

export interface Placed {
  row: number
  col: number
  lng: number
}

/** Beats as lists of indices into `grids`, which must be sorted by (row, col, lng). */
export function beats(grids: Placed[]): number[][] {
  const rows: number[][] = []
  grids.forEach((g, i) => {
    const last = rows[rows.length - 1]
    const prev = last ? grids[last[0] as number] : undefined
    if (last && prev && prev.row === g.row) last.push(i)
    else rows.push([i])
  })
  const walk = rows.flatMap((r, k) => (k % 2 === 0 ? r : [...r].reverse()))
  const count = Math.max(1, Math.round(walk.length / GRIDS_PER_WORKER))
  const out: number[][] = []
  for (let b = 0; b < count; b++) {
    // Balanced cut: beat b gets indices [floor(b·n/count), floor((b+1)·n/count)).
    out.push(walk.slice(Math.floor((b * walk.length) / count), Math.floor(((b + 1) * walk.length) / count)))
  }
  return out
}
