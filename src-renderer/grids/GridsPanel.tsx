// z: the 网格 panel (issue 14, protocol rev 1.6) — per grid type the grids, people and cases against
// the written standard; the grid workers' workload (households against the standard, cases, open
// cases), those above it flagged; and the outside-the-list (清单外) dispatches by ordering body and
// category. Against an older hub it says why there is nothing to show.
import './grids.css'
import { useMemo } from 'react'
import { Modal } from '../console/panels/Modal'
import { getLocale, t } from '../i18n/i18n'
import { useConsole } from '../state/console-store'
import { gridsView } from './grids-model'

export function GridsPanel() {
  const reference = useConsole((s) => s.reference)
  const units = useConsole((s) => s.units)
  const incidents = useConsole((s) => s.incidents)
  const view = useMemo(() => gridsView(reference, units.values(), incidents.values()), [reference, units, incidents])
  const nf = useMemo(() => new Intl.NumberFormat(getLocale()), [])
  const categoryName = (code: string): string => reference?.categories.find((c) => c.code === code)?.name ?? code

  if (view.kind === 'older') {
    return (
      <Modal title={t('grids.title')} hint={t('help.close')} focusSelf>
        <p className="modal__body" data-testid="grids-older-hub">
          {t('grids.olderHub')}
        </p>
      </Modal>
    )
  }
  return (
    <Modal title={t('grids.title')} hint={t('grids.hint')} wide focusSelf>
      <div className="grids" data-testid="grids-panel">
        <p className="grids__muted">{t('grids.period', { n: view.caseCount })}</p>
        <h3>{t('grids.byType')}</h3>
        <table className="grids__table" data-testid="grids-by-type" tabIndex={0}>
          <thead>
            <tr>
              {(['type', 'grids', 'households', 'population', 'cases', 'open', 'patrols', 'factor', 'target'] as const).map((c) => (
                <th key={c}>{t(`grids.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.byType.map((r) => (
              <tr key={r.gridType}>
                <td>{t(`gridType.${r.gridType}`)}</td>
                <td>{nf.format(r.grids)}</td>
                <td>{nf.format(r.households)}</td>
                <td>{nf.format(r.population)}</td>
                <td>{nf.format(r.cases)}</td>
                <td>{nf.format(r.openCases)}</td>
                <td>{r.standard ? nf.format(r.standard.patrolsPerDay) : '—'}</td>
                <td>{r.standard ? `×${r.standard.limitFactor}` : '—'}</td>
                <td>{r.standard ? nf.format(r.standard.householdsPerWorker) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h3>{t('grids.workload', { over: view.over, n: view.workers })}</h3>
        <div className="grids__scroll">
          <table className="grids__table" data-testid="grids-workload" tabIndex={0}>
            <thead>
              <tr>
                {(['worker', 'grids', 'households', 'load', 'cases', 'open'] as const).map((c) => (
                  <th key={c}>{t(`grids.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.workload.map((w) => (
                <tr key={w.unitId} className={w.overStandard ? 'grids__over' : undefined} data-over={w.overStandard ? '1' : '0'}>
                  <td>
                    {w.name}
                    {w.overStandard ? <span className="chip grids__flag">{t('grids.over')}</span> : null}
                  </td>
                  <td>{nf.format(w.gridCount)}</td>
                  <td>{nf.format(w.households)}</td>
                  <td>{w.loadRatio.toFixed(2)}</td>
                  <td>{nf.format(w.cases)}</td>
                  <td>{nf.format(w.openCases)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {view.workload.length < view.workers ? <p className="grids__muted">{t('grids.showing', { shown: view.workload.length, n: view.workers })}</p> : null}

        <h3>{t('grids.outside')}</h3>
        {view.outside.length === 0 ? (
          <p className="grids__muted" data-testid="grids-outside-none">
            {t('grids.outsideNone')}
          </p>
        ) : (
          <table className="grids__table" data-testid="grids-outside" tabIndex={0}>
            <thead>
              <tr>
                {(['orderedBy', 'category', 'count', 'reasons', 'codes'] as const).map((c) => (
                  <th key={c}>{t(`grids.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.outside.map((line) => (
                <tr key={`${line.orderedBy}|${line.categoryCode}`}>
                  <td>{line.orderedBy}</td>
                  <td>
                    {line.categoryCode} {categoryName(line.categoryCode)}
                  </td>
                  <td>{nf.format(line.count)}</td>
                  <td>
                    {Object.entries(line.reasons)
                      .map(([code, n]) => `${t(`outside.reason.${code as 'other'}`)} ${n}`)
                      .join(t('detail.listSeparator'))}
                  </td>
                  <td className="grids__codes">{line.codes.slice(0, 5).join(' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Modal>
  )
}
