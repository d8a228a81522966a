// A line over the console for what the person must know about the app itself: the settings file
// was damaged and replaced by defaults, a saved hub waits for a restart, or the hub could not start.
import { useEffect, useState } from 'react'
import type { ConsoleApi, SetupState } from '../../src-shared/api'
import { t } from '../i18n/i18n'

export function SetupBanner({ api, initial }: { api: ConsoleApi; initial: SetupState | null }) {
  const [setup, setSetup] = useState<SetupState | null>(initial)
  const [dismissed, setDismissed] = useState(false)
  useEffect(() => api.on('setup', (s) => setSetup(s)), [api])
  if (!setup || dismissed) return null
  const lines: string[] = []
  if (setup.settingsNotice) lines.push(t('settings.damaged', { path: setup.settingsNotice.movedTo }))
  if (setup.startError) lines.push(t('settings.startError', { detail: setup.startError }))
  if (setup.restartNeeded) lines.push(t('settings.restartNeeded'))
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
