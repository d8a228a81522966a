// The wall's keys: the registry entries marked `wall` (the map's heat view), bound the same way as
// the seat's, with no panels to wait for.
import { useEffect } from 'react'
import { COMMAND_REGISTRY } from '../console/command-registry'
import { bindRegistryKeys, isTypingTarget } from '../console/keymap'
import { requestMapView } from '../map/map-bus'

export function useWallKeys(): void {
  useEffect(
    () =>
      bindRegistryKeys(
        window,
        COMMAND_REGISTRY.filter((e) => e.wall === true),
        (event) => ({ typing: isTypingTarget(event.target), panel: null }),
        (action) => {
          if (action.type === 'map') requestMapView(action.view)
        }
      ),
    []
  )
}
