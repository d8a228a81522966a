// The map's overdue rule must agree with the domain's (src-shared/domain isOverdue) in every case.
import { describe, expect, it } from 'vitest'
import { isOverdue as domainIsOverdue } from '../../../src-shared/domain'
import { IncidentStatus } from '../../../src-shared/protocol'
import { isOverdue, runningDeadlineMs } from '../../../src-renderer/map/overdue'
import { HOUR, NOW, iso } from './fixtures'

describe('overdue', () => {
  it('matches the domain rule for every status, deadline and pause', () => {
    let checked = 0
    for (const status of IncidentStatus.options) {
      for (const deadlineAt of [null, iso(NOW - HOUR), iso(NOW + HOUR)]) {
        for (const pausedAt of [null, iso(NOW - 2 * HOUR)]) {
          const incident = { status, deadlineAt, pausedAt }
          expect(isOverdue(incident, NOW), JSON.stringify(incident)).toBe(domainIsOverdue(incident, new Date(NOW)))
          checked++
        }
      }
    }
    expect(checked).toBe(60)
  })

  it('a running clock has a deadline to watch; a resolved or paused case has none', () => {
    expect(runningDeadlineMs({ status: 'dispatched', deadlineAt: iso(NOW), pausedAt: null })).toBe(NOW)
    expect(runningDeadlineMs({ status: 'resolved', deadlineAt: iso(NOW), pausedAt: null })).toBeNull()
    expect(runningDeadlineMs({ status: 'suspended', deadlineAt: iso(NOW), pausedAt: iso(NOW) })).toBeNull()
  })
})
