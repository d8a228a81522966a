// The schedulers' queue: earliest first, ties in the order they were set, whatever the push order.
import { describe, expect, it } from 'vitest'
import { TaskHeap } from '../../../src-hub/simulator/task-heap'

describe('TaskHeap', () => {
  it('pops tasks earliest first, ties by id', () => {
    const heap = new TaskHeap()
    const ats = [50, 10, 30, 10, 70, 0, 30, 20, 10]
    ats.forEach((at, id) => heap.push({ id, at, run: () => undefined }))
    const out: [number, number][] = []
    for (let t = heap.first; t !== undefined; t = heap.first) {
      out.push([t.at, t.id])
      heap.pop()
    }
    const expected = [...ats.entries()].map(([id, at]): [number, number] => [at, id])
    expected.sort(([atA, idA], [atB, idB]) => atA - atB || idA - idB)
    expect(out).toEqual(expected)
    heap.push({ id: 99, at: 1, run: () => undefined })
    heap.clear()
    expect(heap.first).toBeUndefined()
  })
})
