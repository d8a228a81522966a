// 已交班 / 已接班 on the wall (issue 16, k16c): the handovers of the shift change now under way, as
// the leads' panel names it (shiftOf: the block that held the moment an hour ago, on the centre's
// clock), who handed over and when, who took it over and when. Read from the handovers the store
// already holds (protocol rev 1.5); the wall shows names and times only, never the notes.
import type { Handover } from '../../src-shared/protocol'
import { shiftOf, type Shift } from '../console/lead/handover-model'

export type WallHandover = {
  id: string
  streetCodes: string[]
  state: 'submitted' | 'acknowledged'
  from: string
  submittedAt: string
  /** Who acknowledged (or who it is addressed to while waiting); null: addressed to any lead. */
  to: string | null
  acknowledgedAt: string | null
  items: number
  itemsAcknowledged: number
}

export type HandoverBoard = { shift: Shift; handovers: WallHandover[] }

/** The current shift change's handovers, the earliest handed over first. */
export function handoverBoard(handovers: Iterable<Handover>, hubNowMs: number, utcOffsetMinutes: number): HandoverBoard {
  const shift = shiftOf(hubNowMs, utcOffsetMinutes)
  const out: WallHandover[] = []
  for (const h of handovers) {
    if (h.shiftId !== shift.id) continue
    out.push({
      id: h.id,
      streetCodes: h.streetCodes ?? [h.streetCode],
      state: h.state,
      from: h.from.name,
      submittedAt: h.submittedAt,
      to: h.to?.name ?? null,
      acknowledgedAt: h.acknowledgedAt,
      items: h.items.length,
      itemsAcknowledged: h.items.filter((i) => i.acknowledged).length
    })
  }
  out.sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.id < b.id ? -1 : 1))
  return { shift, handovers: out }
}
