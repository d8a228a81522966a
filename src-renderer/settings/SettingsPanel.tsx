// The settings panel (key `,`): the hub connection (tested before saving), the seat name, the
// language, the map's follow rule and the wall display, and where the data, the settings file and
// the logs are, with "open the log folder". Values set by flags or the environment are named.
import { useEffect, useState, type KeyboardEvent } from 'react'
import type { ConsoleApi, SettingOverride, Settings, SetupState } from '../../src-shared/api'
import { useConsoleContext } from '../console/console-context'
import { Modal } from '../console/panels/Modal'
import { closePanel } from '../console/ui-store'
import { t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'
import { useConsole } from '../state/console-store'
import { HubForm } from './HubForm'
import { WallLinkSection } from './WallLinkSection'
import '../firstrun/firstrun.css'

function hubLine(setup: SetupState): string {
  if (setup.hub.kind === 'hub') return setup.hub.url
  return setup.hub.kind === 'demo' ? t('settings.current.demo') : t('settings.current.none')
}

function overrideLine(o: SettingOverride): string {
  return t('settings.override', { field: t(`settings.override.${o.field}`), source: o.source })
}

export function SettingsPanel() {
  const { api } = useConsoleContext()
  const settings = useConsole((s) => s.settings)
  const [setup, setSetup] = useState<SetupState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [logsShown, setLogsShown] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    api.getSetup().then(
      (s) => live && setSetup(s),
      (err: unknown) => live && setError(String(err))
    )
    const off = api.on('setup', (s) => setSetup(s))
    return () => {
      live = false
      off()
    }
  }, [api])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (isComposing(event)) return
    if (event.key === 'Escape') {
      event.preventDefault()
      closePanel()
    }
  }

  return (
    <Modal title={t('settings.title')} hint={t('settings.keys')} error={error} wide focusSelf onKeyDown={onKeyDown}>
      <div className="settings-panel" data-testid="settings-panel">
        {setup ? <ConnectionSection api={api} setup={setup} onSaved={setSetup} /> : null}
        {settings ? <DisplaySection api={api} settings={settings} onError={setError} /> : null}
        <WallLinkSection api={api} />
        {setup ? (
          <section>
            <h3>{t('settings.section.files')}</h3>
            <div className="row">
              {t('settings.dataDir')}: <span className="path">{setup.dataDir}</span>
            </div>
            <div className="row">
              {t('settings.settingsFile')}: <span className="path">{setup.settingsFile || '—'}</span>
            </div>
            <div className="row">
              {t('settings.logDir')}: <span className="path" data-testid="log-dir">{setup.logDir}</span>
              <button
                type="button"
                data-testid="open-logs"
                onClick={() =>
                  void api.openLogFolder().then((r) => setLogsShown(r.opened ? null : t('settings.logsShown', { path: r.path })))
                }
              >
                {t('settings.openLogs')}
              </button>
            </div>
            {logsShown ? <p className="path">{logsShown}</p> : null}
            <div className="row">
              <button
                type="button"
                data-testid="write-diagnostics"
                onClick={() =>
                  void api
                    .writeDiagnostics()
                    .then((r) =>
                      setLogsShown(r.ok ? t('settings.diagnosticsWritten', { path: r.value.path }) : t('settings.invalid', { detail: r.error.message }))
                    )
                }
              >
                {t('settings.diagnostics')}
              </button>
            </div>
          </section>
        ) : null}
      </div>
    </Modal>
  )
}

function ConnectionSection({ api, setup, onSaved }: { api: ConsoleApi; setup: SetupState; onSaved: (s: SetupState) => void }) {
  const saveDemo = async (): Promise<void> => {
    const result = await api.saveSetup({ hub: { kind: 'demo' } })
    if (result.ok) onSaved(result.value)
  }
  return (
    <section>
      <h3>{t('settings.section.connection')}</h3>
      <p data-testid="settings-current-hub">{t('settings.current', { hub: hubLine(setup) })}</p>
      {setup.overrides.map((o) => (
        <p className="note" key={o.field} data-testid="settings-override">
          {overrideLine(o)}
        </p>
      ))}
      {setup.restartNeeded ? (
        <p className="note" role="status" data-testid="settings-restart">
          {t('settings.restartNeeded')}
        </p>
      ) : null}
      <HubForm api={api} setup={setup} onSaved={onSaved} />
      {setup.hub.kind !== 'demo' ? (
        <div className="row">
          <button type="button" data-testid="settings-use-demo" onClick={() => void saveDemo()}>
            {t('settings.useDemo')}
          </button>
        </div>
      ) : null}
      <p className="modal__hint">{t(`settings.tokenStorage.${setup.tokenStorage}`)}</p>
    </section>
  )
}

function DisplaySection({ api, settings, onError }: { api: ConsoleApi; settings: Settings; onError: (e: string | null) => void }) {
  const update = async (patch: Partial<Settings>): Promise<void> => {
    const result = await api.updateSettings(patch)
    onError(result.ok ? null : t('settings.invalid', { detail: result.error.message }))
  }
  return (
    <section>
      <h3>{t('settings.section.display')}</h3>
      <label className="row">
        {t('settings.language')}
        <select
          data-testid="settings-locale"
          value={settings.locale}
          onChange={(e) => void update({ locale: e.currentTarget.value === 'en-US' ? 'en-US' : 'zh-CN' })}
        >
          <option value="zh-CN">{t('settings.language.zh')}</option>
          <option value="en-US">{t('settings.language.en')}</option>
        </select>
      </label>
      <label className="row">
        <input type="checkbox" checked={settings.flyToUrgent} onChange={(e) => void update({ flyToUrgent: e.currentTarget.checked })} />
        {t('settings.flyToUrgent')}
      </label>
      {/* k16a (issue 16): the new-urgent beep; absent means on. */}
      <label className="row">
        <input type="checkbox" data-testid="settings-urgent-sound" checked={settings.urgentSound !== false} onChange={(e) => void update({ urgentSound: e.currentTarget.checked })} />
        {t('settings.urgentSound')}
      </label>
      <label className="row">
        {t('settings.wallDisplay')}
        <input
          type="number"
          min={0}
          step={1}
          defaultValue={settings.wallDisplayId ?? ''}
          onBlur={(e) => {
            const text = e.currentTarget.value.trim()
            void update({ wallDisplayId: text === '' ? null : Math.trunc(Number(text)) })
          }}
        />
      </label>
      <p>{t('settings.basemap', { basemap: t(`settings.basemap.${settings.basemap.kind}`) })}</p>
    </section>
  )
}
