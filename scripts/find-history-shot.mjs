// A picture of the find panel (/) reaching a case finished before today, and a check that it does: a
// test hub whose clock is set a day back while it takes a few reports and rejects two, then set right;
// the console core (default live set: since the start of today) and the web host; the renderer built
// into a temporary folder (out/renderer is left alone); Debian's Chromium. Writes
// test-results/find-history.png and -detail.png (FIND_SHOT_OUT elsewhere), then reopens the case by keys;
// exits 1 when no earlier case is listed or the hub did not record the reopen.
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { build } from 'vite'
import react from '@vitejs/plugin-react'
import { openConsolePage, root } from './demo-stack.mjs'

const out = path.resolve(process.env.FIND_SHOT_OUT ?? path.join(root, 'test-results', 'find-history.png'))
const DAY = 86_400_000

const { startTestHub, reportIncidents, callerFor, TEST_TOKENS } = await import('../tests/helpers/start-hub.ts')
const { openConsole } = await import('../src-main/core/index.ts')

const work = mkdtempSync(path.join(tmpdir(), 'gcc-find-shot-'))
const cleanups = []
try {
  const rendererDir = path.join(work, 'renderer')
  await build({
    configFile: false,
    root: path.join(root, 'src-renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: rendererDir, emptyOutDir: true }
  })

  // The hub's own clock, a day back while yesterday's cases are reported and rejected.
  let back = DAY
  const hub = await startTestHub({ hub: { now: () => new Date(Date.now() - back) } })
  cleanups.push(() => hub.stop())
  const yesterday = await reportIncidents(hub.hub, 4)
  for (const incident of yesterday.slice(0, 2)) {
    const { answer } = await hub.hub.command(
      {
        commandId: randomUUID(),
        type: 'reject',
        incidentId: incident.id,
        payload: { reason: '不属于受理范围' },
        issuedAt: new Date(Date.now() - back).toISOString()
      },
      callerFor(hub.hub, TEST_TOKENS.dispatcher)
    )
    if (!answer.ok) throw new Error(`reject failed: ${answer.error.code}`)
  }
  back = 0
  await reportIncidents(hub.hub, 4)

  const dataDir = path.join(work, 'console')
  mkdirSync(dataDir)
  const core = await openConsole({ dataDir, hubUrl: hub.url, token: TEST_TOKENS.lead })
  cleanups.push(() => core.close())
  const { web, page } = await openConsolePage({
    api: core.api,
    rendererDir,
    viewport: { width: 1600, height: 900 },
    cleanups
  })
  await page.goto(web.operatorUrl)
  // Six open cases in the queue (today's four, yesterday's two still open); the rejected two are not.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="queue-row"]').length >= 6, null, {
    timeout: 60_000
  })
  await page.waitForTimeout(1500)
  await page.keyboard.press('/')
  // The serial part every code shares: the store's six, then the two rejected yesterday from the cache.
  await page.keyboard.type('-000', { delay: 60 })
  await page.waitForSelector('[data-testid="find-more"]', { timeout: 10_000 })
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-option"]').length >= 8, null, {
    timeout: 10_000
  })
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown')
  await page.waitForTimeout(300)
  const rows = await page.$$eval('[data-testid="case-option"]', (els) => els.map((e) => e.textContent))
  console.log(rows.join('\n'))
  mkdirSync(path.dirname(out), { recursive: true })
  await page.screenshot({ path: out })
  console.log(`wrote ${path.relative(root, out)}`)
  // Enter on the highlighted earlier case: it is selected and its detail opens.
  await page.keyboard.press('Enter')
  await page.waitForSelector('[data-testid="detail"] .timeline, [data-testid="detail"] .detail__body', { timeout: 20_000 })
  await page.waitForTimeout(800)
  await page.screenshot({ path: out.replace(/\.png$/, '-detail.png') })
  console.log(`wrote ${path.relative(root, out.replace(/\.png$/, '-detail.png'))}`)
  // And reopen it (o, a reason, Enter): the hub must record it.
  const target = yesterday[1]
  if (!target) throw new Error('seeding failed')
  await page.keyboard.press('o')
  await page.keyboard.type('群众再次来电')
  await page.keyboard.press('Enter')
  const end = Date.now() + 20_000
  let status = 'rejected'
  while (status === 'rejected' && Date.now() < end) {
    await page.waitForTimeout(200)
    status = (await hub.hub.store.getIncident(target.id))?.status ?? 'missing'
  }
  if (status === 'rejected') throw new Error(`${target.code} was not reopened`)
  console.log(`${target.code} reopened through the console: now ${status}`)
} catch (err) {
  console.error('find-history-shot failed:', err instanceof Error ? err.message : err)
  process.exitCode = 1
} finally {
  for (const fn of cleanups.reverse()) await fn().catch((err) => console.error('cleanup:', err.message))
  rmSync(work, { recursive: true, force: true })
}
