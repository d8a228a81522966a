// A line over the console for what the person must know about the app itself: the settings file
// was damaged and replaced by defaults, a saved hub waits for a restart, or the hub could not start.
import { useEffect, useState } from 'react'
import type { ConsoleApi, SetupState } from '../../src-shared/api'
import { t } from '../i18n/i18n'

export function SetupBanner({ api, initial }: { api: ConsoleApi; initial: SetupState | null }) {
  const [setup, setSetup] = useState<SetupState | null>(initial)
  // The Electron shell reloads a page whose renderer died or hung with ?recovered=<reason>.
  const [recovered] = useState(() => new URLSearchParams(window.location.search).get('recovered'))
  const [dismissed, setDismissed] = useState(false)
  useEffect(() => api.on('setup', (s) => setSetup(s)), [api])
  if (dismissed) return null
  const lines: string[] = []
  if (recovered) lines.push(t('settings.recovered', { reason: recovered.slice(0, 40) }))
  if (setup?.settingsNotice) lines.push(t('settings.damaged', { path: setup.settingsNotice.movedTo }))
  if (setup?.startError) lines.push(t('settings.startError', { detail: setup.startError }))
  if (setup?.demoHub && setup.demoHub.state !== 'running') lines.push(t('settings.demoHubDown', { exit: setup.demoHub.lastExit ?? '' }))
  if (setup?.restartNeeded) lines.push(t('settings.restartNeeded'))
  if (lines.length === 0) return null
  return (
    <div className="setup-banner" role="alert" data-testid="setup-banner">
      {lines.join(' ')}
      <button type="button" onClick={() => setDismissed(true)}>
        ×
      </button>
    </div>
  )
}
