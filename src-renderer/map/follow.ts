// Whether the map flies to each new urgent case: always on the wall (it is there to show what is
// happening), on a dispatcher's seat only when settings.flyToUrgent says so. Off by default there:
// a flight pulls the map away from the case being worked on; a new urgent case still pulses.
// A wall can be told not to follow by its address (/wall?follow=0), e.g. for a fixed overview.
import { isWallTheme, type MapTheme } from './palette'

export function followsUrgent(theme: MapTheme, flyToUrgentSetting: boolean | undefined, wallFollows = true): boolean {
  return isWallTheme(theme) ? wallFollows : flyToUrgentSetting === true
}

/** The wall's own switch from its page address: anything but follow=0 follows. */
export function wallFollowsFromQuery(search: string): boolean {
  return new URLSearchParams(search).get('follow') !== '0'
}
