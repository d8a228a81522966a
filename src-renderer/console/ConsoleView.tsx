// The dispatcher's screen: status bar and notices on top; the queue left, the map centre, the
// selected case right; panels over it. Keys are wired here, once.
import { useEffect, useMemo } from 'react'
import type { ConsoleApi } from '../../src-shared/api'
import { t } from '../i18n/i18n'
import { MapView } from '../map/MapView'
import { useConsole } from '../state/console-store'
import { ConsoleContext } from './console-context'
import { createController } from './controller'
import { DetailPanel } from './detail/DetailPanel'
import { Flash } from './Flash'
import { useKeyboard } from './hooks'
import { NoticeBanner } from './NoticeBanner'
import { OfflineBanner } from './OfflineBanner'
import { watchRollbacks } from './rollback-watch'
import { PanelHost } from './panels/PanelHost'
import { QueueList } from './queue/QueueList'
import { StatusBar } from './StatusBar'

export function ConsoleView({ api }: { api: ConsoleApi }) {
  const controller = useMemo(() => createController(api), [api])
  const context = useMemo(() => ({ api, controller }), [api, controller])
  useKeyboard(controller)
  useEffect(() => watchRollbacks(), [])
  const ready = useConsole((s) => s.ready)
  const bootError = useConsole((s) => s.bootError)
  const selectedId = useConsole((s) => s.selectedId)
  const select = useConsole((s) => s.select)

  return (
    <ConsoleContext.Provider value={context}>
      <div className="console">
        <StatusBar />
        <NoticeBanner />
        <OfflineBanner />
        {ready ? (
          <main className="console__body">
            <QueueList />
            <section className="console__map" aria-label={t('layout.map')}>
              <MapView selectedId={selectedId} onSelect={select} />
            </section>
            <aside className="console__side">
              <Flash />
              <DetailPanel />
            </aside>
          </main>
        ) : (
          <main className="console__boot">
            <p>{bootError ? t('boot.error', { detail: bootError }) : t('boot.loading')}</p>
          </main>
        )}
        <PanelHost />
      </div>
    </ConsoleContext.Provider>
  )
}
