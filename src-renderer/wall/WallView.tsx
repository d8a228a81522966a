// placeholder until H8 lands
// The read-only wall screen (H8 owns this file and will replace it).
export function WallView() {
  return <div className="wall-placeholder" data-testid="wall" />
}
