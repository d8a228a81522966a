// A new urgent case raises an alert on the seat: a line over the queue (role=alert, so a screen
// reader says it too) and, unless switched off in the settings, a short beep through Web Audio.
// "New" means an urgent case not yet accepted that this seat has not seen before: the cases present
// when the seat starts (or comes back after a reconnect snapshot) and seen earlier do not ring again.
import { create } from 'zustand'
import type { IncidentSummary } from '../../../src-shared/api'
import { onIncidentDelta, useConsole } from '../../state/console-store'

export type UrgentAlert = { id: string; code: string; title: string; at: number; more: number }

export const useUrgentAlert = create<{ alert: UrgentAlert | null }>()(() => ({ alert: null }))

export function dismissUrgentAlert(): void {
  useUrgentAlert.setState({ alert: null })
}

const isNewUrgent = (i: IncidentSummary): boolean => i.urgency === 'urgent' && i.status === 'reported'

/** Whether the seat plays the sound: the setting (k16a, issue 16), on unless switched off. */
export function urgentSoundOn(): boolean {
  return useConsole.getState().settings?.urgentSound !== false
}

type AudioContextCtor = new () => AudioContext

/** One short two-tone beep (no sound file to ship); silently nothing where Web Audio is missing or blocked. */
export function beep(ctor: AudioContextCtor | undefined = (globalThis as { AudioContext?: AudioContextCtor }).AudioContext): boolean {
  if (!ctor) return false
  try {
    const ctx = new ctor()
    const gain = ctx.createGain()
    gain.gain.value = 0.15
    gain.connect(ctx.destination)
    const start = ctx.currentTime
    ;[880, 660].forEach((hz, i) => {
      const osc = ctx.createOscillator()
      osc.type = 'sine'
      osc.frequency.value = hz
      osc.connect(gain)
      osc.start(start + i * 0.18)
      osc.stop(start + i * 0.18 + 0.15)
    })
    setTimeout(() => void ctx.close().catch(() => undefined), 800)
    return true
  } catch {
    // Autoplay policy or no audio device: the visible alert still stands.
    return false
  }
}

/**
 * Watch incoming changes for new urgent cases. The cases already held when called are "seen".
 * `sound` is called once per batch that brings new ones (when the setting is on). Returns the unsubscribe.
 */
export function watchUrgent(sound: () => void = () => void beep()): () => void {
  const seen = new Set<string>()
  for (const i of useConsole.getState().incidents.values()) if (i.urgency === 'urgent') seen.add(i.id)
  return onIncidentDelta((delta) => {
    const fresh = delta.upserted.filter((i) => isNewUrgent(i) && !seen.has(i.id))
    for (const i of delta.upserted) if (i.urgency === 'urgent') seen.add(i.id)
    const last = fresh[fresh.length - 1]
    if (!last) return
    useUrgentAlert.setState({ alert: { id: last.id, code: last.code, title: last.title, at: Date.now(), more: fresh.length - 1 } })
    if (urgentSoundOn()) sound()
  })
}
