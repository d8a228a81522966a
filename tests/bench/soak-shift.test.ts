// The shift soak: its arithmetic (slope, compression, exactly-once verdicts, /proc parsing) and a
// `--quick` run of the whole thing (real hub, fault proxy, console, Chromium) so a broken soak turns
// CI red. The quick run needs the built renderer (out/renderer) and Chromium, like the e2e specs.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { classify, descendants, parseRssKiB, treeRss } from '../../bench/soak/proc-rss'
import { planShift, slope, tally, verdict } from '../../bench/soak/shift-stats'

describe('shift soak arithmetic', () => {
  it('fits a least-squares slope', () => {
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2)
    expect(slope([{ x: 1, y: 1 }])).toBeNaN()
    expect(slope([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNaN()
  })

  it('compresses 8 shift hours into the real minutes given', () => {
    const p = planShift({ shiftHours: 8, realMinutes: 8, baseRate: 0.05, dropEveryShiftMin: 20, dropForShiftMin: 3 })
    expect(p.compression).toBe(60)
    expect(p.simRate).toBeCloseTo(3)
    expect(p.dropEveryMs).toBe(20_000)
    expect(p.dropForMs).toBe(3_000)
    expect(() => planShift({ shiftHours: 8, realMinutes: 0, baseRate: 0.05, dropEveryShiftMin: 20, dropForShiftMin: 3 })).toThrow(/realMinutes must be > 0/)
  })

  it('calls a command applied once, doubled, refused or lost from what the hub holds', () => {
    expect(verdict({ answered: true, answerOk: true, timelineEntries: 1 }, false)).toBe('applied-once')
    expect(verdict({ answered: true, answerOk: true, timelineEntries: 2 }, false)).toBe('doubled')
    expect(verdict({ answered: true, answerOk: false, timelineEntries: 0 }, false)).toBe('refused')
    expect(verdict(undefined, true)).toBe('refused')
    expect(verdict(undefined, false)).toBe('lost')
    expect(verdict({ answered: true, answerOk: true, timelineEntries: 0 }, false)).toBe('lost')
    expect(tally(['lost', 'applied-once', 'applied-once'])).toEqual({ 'applied-once': 2, refused: 0, lost: 1, doubled: 0 })
  })

  it('reads RSS and classes processes from /proc', () => {
    expect(parseRssKiB('Name:\tnode\nVmRSS:\t  123456 kB\n')).toBe(123456)
    expect(parseRssKiB('Name:\tkthreadd\n')).toBeNull()
    expect(classify('/usr/lib/chromium/chromium\0--type=renderer\0', false)).toBe('chromium-renderer')
    expect(classify('/usr/lib/chromium/chromium\0--type=gpu-process', false)).toBe('chromium-gpu')
    expect(classify('/usr/lib/chromium/chromium\0--no-sandbox', false)).toBe('chromium-browser')
    expect(classify('node\0--import\0tsx\0src-hub/cli.ts', false)).toBe('hub')
    expect(classify('anything', true)).toBe('console-node')
    expect(descendants(process.pid)).toContain(process.pid)
    expect(treeRss(process.pid).byClass['console-node']).toBeGreaterThan(1)
  })
})

const ready = existsSync('out/renderer/index.html') && existsSync('/usr/bin/chromium')

describe.skipIf(!ready)('npm run bench:soak -- --shift --quick', () => {
  it('runs a compressed hour with link drops and every command applied once', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/soak.ts', '--shift', '--quick'], { encoding: 'utf8', timeout: 230_000 })
    const out = `${r.stdout}\n${r.stderr}`
    expect(out, out).toMatch(/shift soak: 1 h of shift in 1 min/)
    const m = /commands: sent (\d+), applied once (\d+), refused (\d+), lost (\d+), doubled (\d+)/.exec(out)
    expect(m, out).not.toBeNull()
    const [sent, once, , lost, doubled] = (m as RegExpExecArray).slice(1).map(Number)
    expect(sent).toBeGreaterThan(0)
    expect(once).toBeGreaterThan(0)
    expect(lost).toBe(0)
    expect(doubled).toBe(0)
    expect(out).toMatch(/link drops [1-9]/)
    expect(out).toMatch(/console-node\s+\d+/)
    expect(out).toMatch(/chromium-renderer\s+\d+/)
    expect(r.status, out).toBe(0)
  }, 240_000)
})
