// The chain of versions our own answered commands made: followed hop by hop, and bounded (it grew
// by one entry per answered command for a whole shift before).
import { expect, it } from 'vitest'
import { RebaseChain } from '../../../../src-main/core/outbox/rebase-chain'

it('follows our own answers from the version a command was written against to the newest', () => {
  const chain = new RebaseChain()
  chain.note('inc-1', 1, 2)
  chain.note('inc-1', 2, 3)
  chain.note('inc-2', 1, 5)
  expect(chain.follow('inc-1', 1)).toBe(3)
  expect(chain.follow('inc-1', 2)).toBe(3)
  expect(chain.follow('inc-1', 3)).toBe(3)
  expect(chain.follow('inc-2', 1)).toBe(5)
  expect(chain.follow('inc-3', 1)).toBe(1)
})

it('keeps only the most recent links, dropping the oldest first', () => {
  const chain = new RebaseChain(3)
  for (let i = 1; i <= 5; i++) chain.note(`inc-${i}`, 1, 2)
  expect(chain.size).toBe(3)
  expect(chain.follow('inc-1', 1)).toBe(1)
  expect(chain.follow('inc-2', 1)).toBe(1)
  expect(chain.follow('inc-5', 1)).toBe(2)
  // A link noted again counts as recent.
  chain.note('inc-3', 1, 2)
  chain.note('inc-6', 1, 2)
  expect(chain.follow('inc-3', 1)).toBe(2)
  expect(chain.follow('inc-4', 1)).toBe(1)
})

it('stops on a chain that loops rather than hanging', () => {
  const chain = new RebaseChain()
  chain.note('inc-1', 1, 2)
  chain.note('inc-1', 2, 1)
  expect([1, 2]).toContain(chain.follow('inc-1', 1))
})
