// The live map as a React view: builds a MapController when reference data is there, feeds it
// store deltas, units and the selection, and hosts the legend (closed-today switch), the heat
// toggle, the seat's follow-urgent switch and the basemap panel.
import 'maplibre-gl/dist/maplibre-gl.css'
import './map.css'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { BasemapSettings } from '../../src-shared/api'
import { getApi } from '../api'
import { t } from '../i18n/i18n'
import { onIncidentDelta, useConsole } from '../state/console-store'
import type { BasemapError, BasemapResult } from './basemap'
import { isUrl, pmtilesLocation } from './basemap-location'
import { BasemapPanel, type BasemapChoice } from './BasemapPanel'
import { followsUrgent } from './follow'
import { Legend } from './Legend'
import { GridTypeLegend } from '../grids/GridTypeLegend'
import { hasGridStandards } from '../../src-shared/domain'
import { onCenterRequest, onMapViewRequest } from './map-bus'
import { MapController } from './map-controller'
import { isWallTheme, type MapTheme } from './palette'

export type MapViewProps = {
  selectedId: string | null
  onSelect: (id: string) => void
  /** 'wall' is the dark high-contrast look with larger type; 'wall-light' the same for a bright hall. */
  theme?: MapTheme
  /** No basemap panel (the wall's viewer token may not change settings). */
  readOnly?: boolean
  /** The wall only: fly to each new urgent case (default on). */
  wallFollows?: boolean
}

type Message = { kind: 'error' | 'info'; text: string }

/** The wall goes back to the whole district this long after flying to an urgent case. */
const WALL_OVERVIEW_AFTER_MS = 45_000

/**
 * Runs `run` after the browser has painted what is committed now; returns a cancel. A hidden window
 * gets no animation frames: a timer builds the map anyway (it is shown without a rebuild later).
 */
function afterNextPaint(run: () => void, backstopMs = 500): () => void {
  let done = false
  const once = (): void => {
    if (done) return
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(backstop)
    run()
  }
  let timer: ReturnType<typeof setTimeout> | null = null
  // A task posted from an animation frame callback runs after that frame's paint.
  const frame = requestAnimationFrame(() => (timer = setTimeout(once, 0)))
  const backstop = setTimeout(once, backstopMs)
  return () => {
    done = true
    cancelAnimationFrame(frame)
    clearTimeout(backstop)
    if (timer !== null) clearTimeout(timer)
  }
}

/** Files chosen in this page session, by name: a browser cannot reopen a path by itself. */
const chosenFiles = new Map<string, File>()

const hubNow = (): number => Date.now() + (useConsole.getState().status?.clockSkewMs ?? 0)

function errorText(error: BasemapError, name: string, detail: string): string {
  return t(`map.basemap.error.${error}`, { name, detail })
}

function basemapName(basemap: BasemapSettings | null): string {
  if (basemap?.kind === 'xyz') return basemap.url
  if (basemap?.kind === 'pmtiles') return basemap.path
  return ''
}

export function MapView({ selectedId, onSelect, theme = 'console', readOnly = false, wallFollows = true }: MapViewProps) {
  const reference = useConsole((s) => s.reference)
  const basemap = useConsole((s) => s.settings?.basemap ?? null)
  const units = useConsole((s) => s.units)
  const functionalGrids = useConsole((s) => s.functionalGrids)
  const flyToUrgent = useConsole((s) => s.settings?.flyToUrgent ?? false)
  const incidentsVersion = useConsole((s) => s.incidentsVersion)
  const containerRef = useRef<HTMLDivElement>(null)
  const canvasRef = useRef<HTMLDivElement>(null)
  const onSelectRef = useRef(onSelect)
  /** The basemap setting last applied, and to which map: a rebuilt map needs it applied again. */
  const appliedRef = useRef<{ controller: MapController; key: string } | null>(null)
  const lateErrorRef = useRef<(error: BasemapError, detail: string) => void>(() => {})
  const [controller, setController] = useState<MapController | null>(null)
  const [heat, setHeat] = useState(false)
  // Key y (issue 14, rev 1.6): shading by grid type.
  const [gridTypes, setGridTypes] = useState(false)
  const [closedToday, setClosedToday] = useState(false)
  const [panelOpen, setPanelOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<Message | null>(null)
  const crs = basemap?.kind === 'xyz' ? basemap.crs : 'wgs84'

  useEffect(() => {
    onSelectRef.current = onSelect
  }, [onSelect])

  const markBasemap = useCallback((state: string) => {
    if (containerRef.current) containerRef.current.dataset.basemap = state
  }, [])

  useEffect(() => {
    lateErrorRef.current = (error, detail) => {
      markBasemap('error')
      setMessage({ kind: 'error', text: errorText(error, basemapName(basemap), detail) })
    }
  }, [basemap, markBasemap])

  // One map per reference version, theme and display CRS (a GCJ-02 basemap shifts every overlay).
  // Built after the next paint (issue 13): the queue rendered in the same commit shows first, while
  // the map's set-up (style, shaders, first tiles) holds the main thread for a while under software GL.
  useEffect(() => {
    const container = canvasRef.current
    if (!reference || !container) return
    let built: { c: MapController; off: () => void } | null = null
    const cancel = afterNextPaint(() => {
      const c = new MapController({
        container,
        theme,
        reference,
        crs,
        now: hubNow,
        allIncidents: () => useConsole.getState().incidents.values(),
        isReady: () => useConsole.getState().ready,
        onSelect: (id) => onSelectRef.current(id),
        onBasemapError: (error, detail) => lateErrorRef.current(error, detail),
        flyToUrgent: () => followsUrgent(theme, useConsole.getState().settings?.flyToUrgent, wallFollows),
        returnToOverviewMs: isWallTheme(theme) ? WALL_OVERVIEW_AFTER_MS : undefined
      })
      const offDelta = onIncidentDelta((delta) => c.pushDelta(delta))
      const offCenter = onCenterRequest((req) => c.centerOn(req.location.lng, req.location.lat, req.zoom))
      c.pushDelta({ upserted: [], removed: [] })
      built = {
        c,
        off: () => {
          offDelta()
          offCenter()
        }
      }
      setController(c)
    })
    return () => {
      cancel()
      const b = built as { c: MapController; off: () => void } | null
      b?.off()
      b?.c.destroy()
      setController(null)
    }
  }, [reference, theme, crs, wallFollows])

  useEffect(() => {
    controller?.setUnits(units.values())
  }, [controller, units])

  // Rev 1.8: the overlay of active functional grids (console and wall alike).
  useEffect(() => {
    controller?.setFunctionalGrids([...functionalGrids.values()])
  }, [controller, functionalGrids])

  useEffect(() => {
    if (!controller) return
    const selected = selectedId ? (useConsole.getState().incidents.get(selectedId) ?? null) : null
    void controller.loadedPromise.then(() => controller.setSelected(selected))
  }, [controller, selectedId, incidentsVersion])

  useEffect(() => {
    if (!controller) return
    void controller.loadedPromise.then(() => controller.setHeat(heat))
  }, [controller, heat])
  useEffect(() => {
    if (!controller) return
    void controller.loadedPromise.then(() => controller.setGridTypes(gridTypes))
  }, [controller, gridTypes])

  useEffect(() => {
    controller?.setClosedToday(closedToday)
  }, [controller, closedToday])

  const toggleFollow = useCallback(async () => {
    const saved = await getApi().updateSettings({ flyToUrgent: !flyToUrgent })
    if (!saved.ok) setMessage({ kind: 'error', text: t('map.basemap.error.save', { detail: saved.error.message }) })
  }, [flyToUrgent])

  const report = useCallback(
    (result: BasemapResult, kind: BasemapSettings['kind'], name: string): boolean => {
      if (result.ok) {
        markBasemap(kind)
        setMessage(kind === 'none' ? null : { kind: 'info', text: t('map.basemap.applied', { name }) })
        return true
      }
      markBasemap('error')
      setMessage({ kind: 'error', text: errorText(result.error, name, result.detail) })
      return false
    },
    [markBasemap]
  )

  // Follow the saved setting (start-up, another seat changed it, or the CRS rebuilt the map).
  useEffect(() => {
    if (!controller || !basemap) return
    const key = JSON.stringify(basemap)
    if (appliedRef.current?.controller === controller && appliedRef.current.key === key) return
    appliedRef.current = { controller, key }
    let cancelled = false
    void controller.loadedPromise.then(async () => {
      const operator = controller.basemap
      if (cancelled || controller.isDestroyed || !operator) return
      if (basemap.kind === 'none') {
        operator.clear()
        markBasemap('none')
        return
      }
      if (basemap.kind === 'xyz') {
        const result = await operator.useXyz(basemap.url, controller.probePoint(), basemap.attribution)
        if (!cancelled) report(result, 'xyz', basemap.url)
        return
      }
      const file = chosenFiles.get(basemap.path)
      const location = pmtilesLocation(basemap.path, window.location.origin) ?? basemap.path
      const result = file ? await operator.usePmtilesFile(file) : await operator.usePmtilesUrl(location)
      if (!cancelled) report(result, 'pmtiles', basemap.path)
    })
    return () => {
      cancelled = true
    }
  }, [controller, basemap, report, markBasemap])

  const apply = useCallback(
    async (choice: BasemapChoice) => {
      const operator = controller?.basemap
      if (!controller || !operator) return
      setBusy(true)
      try {
        let next: BasemapSettings
        if (choice.kind === 'none') {
          operator.clear()
          markBasemap('none')
          setMessage(null)
          next = { kind: 'none' }
        } else if (choice.kind === 'pmtiles') {
          const result = await operator.usePmtilesFile(choice.file)
          if (!report(result, 'pmtiles', choice.file.name)) return
          chosenFiles.set(choice.file.name, choice.file)
          next = { kind: 'pmtiles', path: choice.file.name }
        } else if (choice.kind === 'pmtiles-path') {
          next = { kind: 'pmtiles', path: choice.path }
          const location = pmtilesLocation(choice.path, window.location.origin)
          // The desktop app serves only the file in the saved settings: save it first, undo if it fails.
          const hostServed = location !== null && !isUrl(choice.path)
          const previous = basemap
          if (hostServed) {
            appliedRef.current = { controller, key: JSON.stringify(next) }
            const saved = await getApi().updateSettings({ basemap: next })
            if (!saved.ok) {
              setMessage({ kind: 'error', text: t('map.basemap.error.save', { detail: saved.error.message }) })
              return
            }
          }
          const result = await operator.usePmtilesUrl(location ?? choice.path)
          if (!report(result, 'pmtiles', choice.path)) {
            if (hostServed && previous) {
              appliedRef.current = { controller, key: JSON.stringify(previous) }
              await getApi().updateSettings({ basemap: previous })
            }
            return
          }
        } else {
          const result = await operator.useXyz(choice.url, controller.probePoint())
          if (!report(result, 'xyz', choice.url)) return
          next = { kind: 'xyz', url: choice.url, crs: choice.crs }
        }
        appliedRef.current = { controller, key: JSON.stringify(next) }
        const saved = await getApi().updateSettings({ basemap: next })
        if (!saved.ok) setMessage({ kind: 'error', text: t('map.basemap.error.save', { detail: saved.error.message }) })
        else setPanelOpen(false)
      } catch (err) {
        setMessage({ kind: 'error', text: t('map.basemap.error.save', { detail: err instanceof Error ? err.message : String(err) }) })
      } finally {
        setBusy(false)
      }
    },
    [controller, report, markBasemap, basemap]
  )

  // Keys h (heat view) and b (basemap panel, seat only) come from the command registry through the
  // map bus, so they wait while a panel is open and are listed in help and the palette.
  useEffect(
    () =>
      onMapViewRequest((view) => {
        if (view === 'heat') setHeat((on) => !on)
        else if (view === 'gridTypes') setGridTypes((on) => !on)
        else if (!readOnly) setPanelOpen((open) => !open)
      }),
    [readOnly]
  )

  return (
    <div ref={containerRef} className={`gcc-map gcc-map--${theme}`} data-testid="map" data-basemap="none">
      <div ref={canvasRef} className="gcc-map__canvas" data-testid="map-canvas" />
      {!reference && <div className="gcc-map__waiting">{t('map.noReference')}</div>}
      <div className="gcc-map__tools">
        <button type="button" aria-pressed={heat} title={t('map.heat.toggle')} onClick={() => setHeat((on) => !on)}>
          {/* The button names the view it switches to. */}
          {heat ? t('map.heat.off') : t('map.heat.on')}
        </button>
        {!readOnly && !isWallTheme(theme) && (
          <button
            type="button"
            data-testid="follow-urgent"
            aria-pressed={flyToUrgent}
            title={t('map.follow.toggle')}
            onClick={() => void toggleFollow()}
          >
            {t('map.follow.button')}
          </button>
        )}
        {!readOnly && (
          <button type="button" data-testid="basemap-button" aria-expanded={panelOpen} onClick={() => setPanelOpen((o) => !o)}>
            {t('map.basemap.button')}
          </button>
        )}
      </div>
      {message && (
        <div className={`gcc-map__message gcc-map__message--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="map-message">
          <span>{message.text}</span>
          <button type="button" aria-label={t('map.basemap.close')} onClick={() => setMessage(null)}>
            ×
          </button>
        </div>
      )}
      {panelOpen && !readOnly && (
        <BasemapPanel current={basemap} busy={busy} onApply={(c) => void apply(c)} onClose={() => setPanelOpen(false)} />
      )}
      <Legend theme={theme} closedToday={closedToday} onClosedToday={setClosedToday} />
      {gridTypes && <GridTypeLegend available={hasGridStandards(reference)} />}
    </div>
  )
}
