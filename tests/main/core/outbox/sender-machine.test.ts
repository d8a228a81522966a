// The outbox sender's transition table, one test per transition that does something, every other
// cell checked to be ignored, each state's invariant, and the race of 096454c driven through the
// table event by event (red on the table as it was before the fix).
import { describe, expect, it } from 'vitest'
import {
  SENDER_EVENTS,
  SENDER_STATES,
  SENDER_TABLE,
  type SenderEffect,
  type SenderEvent,
  type SenderFacts,
  type SenderState,
  type SenderTable,
  maySendIn,
  senderInvariant,
  transition
} from '../../../../src-main/core/outbox/sender-machine'

/** The transitions that change the state or do something, each with why (the spec, written apart from the table). */
const MOVES: [SenderState, SenderEvent, SenderState, SenderEffect[], string][] = [
  ['idle', 'kick', 'sending', ['start_loop'], 'a queued command, a reconnect or a timer starts the loop'],
  ['idle', 'flights_added', 'sending', ['start_loop'], '096454c: a fill that outlived its loop gets a loop to write its answers down'],
  ['idle', 'storage_failed', 'storage_wait', ['clear_timers', 'arm_storage_timer'], 'a failed write backs off'],
  ['idle', 'close', 'closed', ['clear_timers', 'wake_loop'], 'close'],
  ['sending', 'kick', 'sending', ['wake_loop'], 'the loop fills again at once, not after the next answer'],
  ['sending', 'flights_added', 'sending', ['wake_loop'], 'the loop learns of the new flights'],
  ['sending', 'failed_retry', 'halted_retry', [], 'a timeout, bad answer, rate_limited or internal stops new sends'],
  ['sending', 'disconnected', 'halted_reconnect', [], 'a disconnect stops new sends until the reconnect'],
  ['sending', 'window_settled', 'idle', [], 'nothing in flight, nothing sendable: the loop stops'],
  ['sending', 'loop_failed', 'idle', [], 'the loop stopped on an unexpected error (logged)'],
  ['sending', 'storage_failed', 'storage_wait', ['clear_timers', 'arm_storage_timer'], 'a failed write backs off'],
  ['sending', 'close', 'closed', ['clear_timers', 'wake_loop'], 'close'],
  ['halted_retry', 'window_settled', 'retry_wait', ['arm_retry'], 'the window has settled: one backoff for all of it'],
  ['halted_retry', 'loop_failed', 'retry_wait', ['arm_retry'], 'the loop died while halted: still back off'],
  ['halted_retry', 'storage_failed', 'storage_wait', ['clear_timers', 'arm_storage_timer'], 'a failed write backs off'],
  ['halted_retry', 'close', 'closed', ['clear_timers', 'wake_loop'], 'close'],
  ['halted_reconnect', 'failed_retry', 'halted_retry', [], 'a reason that wants a backoff, after a disconnect, gets one'],
  ['halted_reconnect', 'window_settled', 'idle', ['kick'], 'settled after a disconnect: try at once if the link is back'],
  ['halted_reconnect', 'loop_failed', 'idle', ['kick'], 'as window_settled'],
  ['halted_reconnect', 'storage_failed', 'storage_wait', ['clear_timers', 'arm_storage_timer'], 'a failed write backs off'],
  ['halted_reconnect', 'close', 'closed', ['clear_timers', 'wake_loop'], 'close'],
  ['retry_wait', 'retry_fired', 'idle', ['kick'], 'the backoff is over: send again'],
  ['retry_wait', 'storage_failed', 'storage_wait', ['clear_timers', 'arm_storage_timer'], 'a failed write backs off (one timer)'],
  ['retry_wait', 'close', 'closed', ['clear_timers', 'wake_loop'], 'close'],
  ['storage_wait', 'storage_retry_fired', 'idle', ['kick'], 'the storage backoff is over: send again'],
  ['storage_wait', 'close', 'closed', ['clear_timers', 'wake_loop'], 'close']
]

describe('the sender transition table', () => {
  it('has a rule for every state × event', () => {
    for (const state of SENDER_STATES) {
      for (const event of SENDER_EVENTS) {
        const rule = transition(state, event)
        expect(SENDER_STATES).toContain(rule.to)
      }
    }
  })

  for (const [from, event, to, effects, why] of MOVES) {
    it(`${from} × ${event} → ${to} [${effects.join(', ')}]: ${why}`, () => {
      expect(transition(from, event)).toEqual({ to, do: effects })
    })
  }

  it('every other state × event is ignored: same state, nothing done', () => {
    const moved = new Set(MOVES.map(([s, e]) => `${s}×${e}`))
    const ignored: string[] = []
    for (const state of SENDER_STATES) {
      for (const event of SENDER_EVENTS) {
        if (moved.has(`${state}×${event}`)) continue
        // sending × failed_retry and disconnected are in MOVES; a halt keeps its own kind here.
        const rule = transition(state, event)
        expect({ cell: `${state}×${event}`, ...rule }).toEqual({ cell: `${state}×${event}`, to: state, do: [] })
        ignored.push(`${state}×${event}`)
      }
    }
    expect(ignored.length + MOVES.length).toBe(SENDER_STATES.length * SENDER_EVENTS.length)
  })

  it('sends only in idle and sending; closed absorbs everything', () => {
    expect(SENDER_STATES.filter(maySendIn)).toEqual(['idle', 'sending'])
    for (const event of SENDER_EVENTS) expect(transition('closed', event)).toEqual({ to: 'closed', do: [] })
  })
})

const calm: SenderFacts = { loopRunning: false, flights: 0, retryTimer: false, storageTimer: false }

describe('each state’s invariant', () => {
  const holds: [SenderState, Partial<SenderFacts>][] = [
    ['idle', {}],
    ['sending', { loopRunning: true, flights: 3 }],
    ['halted_retry', { loopRunning: true, flights: 1 }],
    ['halted_reconnect', { loopRunning: true }],
    ['retry_wait', { retryTimer: true }],
    ['storage_wait', { storageTimer: true, flights: 2 }],
    ['storage_wait', { storageTimer: true, loopRunning: true }],
    ['closed', { loopRunning: true, flights: 1 }]
  ]
  for (const [state, facts] of holds) {
    it(`${state} holds with ${JSON.stringify(facts)}`, () => expect(senderInvariant(state, { ...calm, ...facts })).toBeNull())
  }
  const breaks: [SenderState, Partial<SenderFacts>, RegExp][] = [
    ['idle', { loopRunning: true }, /a send loop runs/],
    ['idle', { flights: 1 }, /in flight with no loop/],
    ['idle', { retryTimer: true }, /retry timer armed/],
    ['sending', {}, /no send loop/],
    ['sending', { loopRunning: true, storageTimer: true }, /storage timer armed/],
    ['halted_retry', { flights: 1 }, /no send loop/],
    ['retry_wait', {}, /retry timer not armed/],
    ['retry_wait', { retryTimer: true, flights: 1 }, /in flight with no loop/],
    ['storage_wait', {}, /storage timer not armed/],
    ['closed', { flights: 1 }, /in flight with no loop/]
  ]
  for (const [state, facts, why] of breaks) {
    it(`${state} is broken by ${JSON.stringify(facts)}`, () => expect(senderInvariant(state, { ...calm, ...facts })).toMatch(why))
  }
})

/**
 * The table driven by a script of events, with the facts each effect makes: a loop starts on
 * `start_loop` and stops on `window_settled`, a fill adds flights, an answer written down removes one.
 */
function drive(table: SenderTable, script: (SenderEvent | 'answer_written')[]): { state: SenderState; broken: string[] } {
  let state: SenderState = 'idle'
  const facts: SenderFacts = { ...calm }
  const broken: string[] = []
  for (const step of script) {
    if (step === 'answer_written') {
      facts.flights -= 1
      continue
    }
    if (step === 'flights_added') facts.flights += 1
    if (step === 'window_settled') facts.loopRunning = false
    const rule = transition(state, step, table)
    state = rule.to
    for (const effect of rule.do) {
      if (effect === 'start_loop') facts.loopRunning = true
      if (effect === 'arm_retry') facts.retryTimer = true
    }
    const why = senderInvariant(state, facts)
    if (why !== null) broken.push(`after ${step}: ${why}`)
  }
  return { state, broken }
}

describe('the race of 096454c, event by event', () => {
  // An ok answer starts a fill; the loop writes the window down and stops while that fill is still
  // rebasing its command; the fill then puts the command in flight.
  const race: (SenderEvent | 'answer_written')[] = ['kick', 'flights_added', 'answer_written', 'window_settled', 'flights_added']
  const beforeFix: SenderTable = { ...SENDER_TABLE, idle: { ...SENDER_TABLE.idle, flights_added: { to: 'idle', do: [] } } }

  it('before the fix, the flight is left with no loop to write its answer down', () => {
    expect(drive(beforeFix, race).broken).toEqual(['after flights_added: idle: 1 in flight with no loop'])
  })

  it('with the table, the late flight starts a loop', () => {
    expect(drive(SENDER_TABLE, race)).toEqual({ state: 'sending', broken: [] })
  })

  it('a halt in between sends nothing late: the backoff waits with no loop and nothing in flight', () => {
    const halted = drive(SENDER_TABLE, ['kick', 'flights_added', 'failed_retry', 'answer_written', 'window_settled'])
    expect(halted).toEqual({ state: 'retry_wait', broken: [] })
    expect(maySendIn(halted.state)).toBe(false)
  })
})
