// The 15-digit grid code scheme (docs/domain.md §2): street 9 + community 3 + grid 3.
import { GridCode } from '../protocol'

/** Sub-district code of a grid: its first 9 digits. Throws on a malformed code. */
export function streetOfGrid(code: string): string {
  return GridCode.parse(code).slice(0, 9)
}

/** Community code of a grid: its first 12 digits. Throws on a malformed code. */
export function communityOfGrid(code: string): string {
  return GridCode.parse(code).slice(0, 12)
}
