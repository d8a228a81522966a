// Whether the map flies to each new urgent case: always on the wall (it is there to show what is
// happening), on a dispatcher's seat only when settings.flyToUrgent says so. Off by default there:
// a flight pulls the map away from the case being worked on; a new urgent case still pulses.
import type { MapTheme } from './palette'

export function followsUrgent(theme: MapTheme, flyToUrgentSetting: boolean | undefined): boolean {
  return theme === 'wall' || flyToUrgentSetting === true
}
