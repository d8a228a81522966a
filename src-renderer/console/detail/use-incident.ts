// The full record of the selected case, fetched from the API and fetched again whenever the
// case's version moves (so the timeline stays current while the dispatcher reads it).
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../src-shared/api'
import type { Incident } from '../../../src-shared/protocol'
import { carrierDetail } from '../commands'

export type IncidentLoad =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'loaded'; incident: Incident }
  | { state: 'missing' }
  | { state: 'error'; detail: string }

export function useIncident(api: ConsoleApi, id: string | null, version: number | null): IncidentLoad {
  const [load, setLoad] = useState<IncidentLoad>({ state: 'idle' })
  useEffect(() => {
    if (id === null) {
      setLoad({ state: 'idle' })
      return
    }
    let live = true
    // Keep showing the previous version of the same case while the new one loads: no flicker.
    setLoad((prev) => (prev.state === 'loaded' && prev.incident.id === id ? prev : { state: 'loading' }))
    api
      .getIncident(id)
      .then((incident) => {
        if (live) setLoad(incident ? { state: 'loaded', incident } : { state: 'missing' })
      })
      .catch((err: unknown) => {
        if (live) setLoad({ state: 'error', detail: carrierDetail(err) })
      })
    return () => {
      live = false
    }
  }, [api, id, version])
  return load
}
