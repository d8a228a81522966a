// The operator basemap chooser: none (schematic), a local PMTiles file (chosen, or its full path
// for the desktop app to serve), or an intranet XYZ service. It only gathers the choice; MapView
// checks it, shows it, and saves it.
import { useState, type FormEvent } from 'react'
import type { BasemapSettings } from '../../src-shared/api'
import { t } from '../i18n/i18n'
import { isComposing } from '../keyboard/composition'

export type BasemapChoice =
  | { kind: 'none' }
  | { kind: 'pmtiles'; file: File }
  | { kind: 'pmtiles-path'; path: string }
  | { kind: 'xyz'; url: string; crs: 'wgs84' | 'gcj02' }

type Props = {
  current: BasemapSettings | null
  busy: boolean
  onApply: (choice: BasemapChoice) => void
  onClose: () => void
}

export function BasemapPanel({ current, busy, onApply, onClose }: Props) {
  const [kind, setKind] = useState<'none' | 'pmtiles' | 'xyz'>(current?.kind ?? 'none')
  const [file, setFile] = useState<File | null>(null)
  const [path, setPath] = useState(current?.kind === 'pmtiles' ? current.path : '')
  const [url, setUrl] = useState(current?.kind === 'xyz' ? current.url : '')
  const [crs, setCrs] = useState<'wgs84' | 'gcj02'>(current?.kind === 'xyz' ? current.crs : 'wgs84')

  const ready = kind === 'none' || (kind === 'pmtiles' && (file !== null || path.trim() !== '')) || (kind === 'xyz' && url.trim() !== '')
  const submit = (e: FormEvent): void => {
    e.preventDefault()
    if (!ready || busy) return
    if (kind === 'none') onApply({ kind })
    else if (kind === 'pmtiles' && file) onApply({ kind, file })
    else if (kind === 'pmtiles') onApply({ kind: 'pmtiles-path', path: path.trim() })
    else if (kind === 'xyz') onApply({ kind, url: url.trim(), crs })
  }

  return (
    <form
      className="gcc-basemap"
      data-testid="basemap-panel"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (isComposing(e)) return
        if (e.key === 'Escape') onClose()
      }}
    >
      <h2>{t('map.basemap.title')}</h2>
      <label>
        <input type="radio" name="basemap-kind" checked={kind === 'none'} onChange={() => setKind('none')} />
        {t('map.basemap.none')}
      </label>
      <label>
        <input type="radio" name="basemap-kind" checked={kind === 'pmtiles'} onChange={() => setKind('pmtiles')} />
        {t('map.basemap.pmtiles')}
      </label>
      {kind === 'pmtiles' && (
        <div className="gcc-basemap__field">
          <input
            type="file"
            accept=".pmtiles"
            aria-label={t('map.basemap.file')}
            data-testid="basemap-file"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
          <input
            type="text"
            value={path}
            placeholder={t('map.basemap.path')}
            aria-label={t('map.basemap.path')}
            data-testid="basemap-path"
            disabled={file !== null}
            onChange={(e) => setPath(e.currentTarget.value)}
          />
        </div>
      )}
      <label>
        <input type="radio" name="basemap-kind" checked={kind === 'xyz'} onChange={() => setKind('xyz')} />
        {t('map.basemap.xyz')}
      </label>
      {kind === 'xyz' && (
        <div className="gcc-basemap__field">
          <input
            type="text"
            value={url}
            placeholder={t('map.basemap.url')}
            aria-label={t('map.basemap.url')}
            data-testid="basemap-url"
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <label>
            {t('map.basemap.crs')}
            <select value={crs} data-testid="basemap-crs" onChange={(e) => setCrs(e.currentTarget.value === 'gcj02' ? 'gcj02' : 'wgs84')}>
              <option value="wgs84">{t('map.basemap.crs.wgs84')}</option>
              <option value="gcj02">{t('map.basemap.crs.gcj02')}</option>
            </select>
          </label>
        </div>
      )}
      {busy && <div className="gcc-basemap__status">{t('map.basemap.checking')}</div>}
      <div className="gcc-basemap__actions">
        <button type="button" onClick={onClose}>
          {t('map.basemap.close')}
        </button>
        <button type="submit" disabled={!ready || busy} data-testid="basemap-apply">
          {t('map.basemap.apply')}
        </button>
      </div>
    </form>
  )
}
