// Which display the wall window goes on: the one in settings if it is connected, else the first
// external one; none when only the primary exists, unless the operator asked for it (force).
export type DisplayLike = { id: number; bounds: { x: number; y: number; width: number; height: number } }

export function chooseWallDisplay<D extends DisplayLike>(
  displays: readonly D[],
  primaryId: number,
  wantedId: number | null,
  force: boolean
): D | null {
  if (wantedId !== null) {
    const wanted = displays.find((d) => d.id === wantedId)
    if (wanted) return wanted
  }
  const external = displays.find((d) => d.id !== primaryId)
  if (external) return external
  return force ? (displays.find((d) => d.id === primaryId) ?? displays[0] ?? null) : null
}
