// @vitest-environment jsdom
// The latency bench's statistics and its page probe: percentiles by the nearest-rank rule, and the
// probe script seeing a marker that enters the DOM as a new node or as changed text.
import { describe, expect, it } from 'vitest'
import { compositingFrom, percentile } from '../../bench/latency/latency-bench'
import { PROBE_PAGE_SCRIPT } from '../../bench/latency/probe-page'

describe('latency bench', () => {
  it('takes percentiles by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(percentile(xs, 50)).toBe(50)
    expect(percentile(xs, 95)).toBe(95)
    expect(percentile(xs, 100)).toBe(100)
    expect(percentile([7], 95)).toBe(7)
    expect(percentile([], 50)).toBeNaN()
  })

  it('reads GCC_LATENCY_COMPOSITING: unset or software is the default, gpu the GPU process, anything else refused', () => {
    expect(compositingFrom(undefined)).toBe('software')
    expect(compositingFrom('')).toBe('software')
    expect(compositingFrom('software')).toBe('software')
    expect(compositingFrom('gpu')).toBe('gpu')
    expect(() => compositingFrom('GPU')).toThrow('GCC_LATENCY_COMPOSITING must be "gpu" or "software" (or unset), not "GPU"')
    expect(() => compositingFrom('hardware')).toThrow(/not "hardware"/)
  })

  it('the page probe notes a marker in an added node and in changed text, once each', async () => {
    // jsdom has no layout but runs MutationObserver and requestAnimationFrame.
    document.body.innerHTML = '<ul id="q"></ul>'
    new Function(PROBE_PAGE_SCRIPT)()
    const doc = document
    const li = doc.createElement('li')
    li.textContent = '延迟探针 PROBE-ab12-0'
    doc.getElementById('q')?.appendChild(li)
    const other = doc.createElement('li')
    other.textContent = 'placeholder'
    doc.getElementById('q')?.appendChild(other)
    await new Promise((r) => setTimeout(r, 50))
    ;(other.firstChild as Text).data = '延迟探针 PROBE-ab12-1'
    await new Promise((r) => setTimeout(r, 100))
    const seen = (window as unknown as { __probeSeen: Record<string, number> }).__probeSeen
    expect(Object.keys(seen).sort()).toEqual(['PROBE-ab12-0', 'PROBE-ab12-1'])
    for (const at of Object.values(seen)) expect(at).toBeGreaterThan(Date.now() - 60_000)
  })
})
