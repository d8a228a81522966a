// The metrics view's two charts, drawn by ECharts (tree-shaken: core, line, bar, grid, legend,
// tooltip, the canvas renderer). The numbers are the domain's (figureCharts over getFigureCharts);
// this file only lays them out. Not focusable: the view stays keyboard-driven by its own keys.
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import type { FigureCharts } from '../../src-shared/domain'
import { t } from '../i18n/i18n'

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TitleComponent, CanvasRenderer])

const RECEIVED = '#4c8dff'
const CLOSED = '#3fbf7f'
const TEXT = '#c9d1d9'
const AXIS = { axisLabel: { color: TEXT }, axisLine: { lineStyle: { color: '#6e7681' } }, splitLine: { lineStyle: { color: 'rgba(127,127,127,0.2)' } } }

/** Hour or local day label of a bucket start, in the hall's zone. */
function bucketLabel(iso: string, bucket: FigureCharts['bucket'], offsetMinutes: number): string {
  const local = new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString()
  return bucket === 'hour' ? local.slice(11, 13) : local.slice(5, 10)
}

/** Whether this page can draw on a canvas (jsdom in the unit tests cannot: the charts are then left
 *  empty, their aria-label still naming them; the e2e and the screenshot draw them in Chromium). */
let canvasOk: boolean | null = null
function canDraw(): boolean {
  if (canvasOk === null) {
    try {
      canvasOk = typeof HTMLCanvasElement !== 'undefined' && !/jsdom/i.test(navigator.userAgent) && document.createElement('canvas').getContext('2d') !== null
    } catch {
      canvasOk = false
    }
  }
  return canvasOk
}

function useChart(option: echarts.EChartsCoreOption | null): React.RefObject<HTMLDivElement | null> {
  const ref = useRef<HTMLDivElement | null>(null)
  // Drawn again only when what it shows changes (a new period, a language switch), not on every
  // key press that re-renders the view around it.
  const shown = JSON.stringify(option)
  useEffect(() => {
    const el = ref.current
    if (!el || !option || !canDraw()) return
    const chart = echarts.init(el, undefined, { renderer: 'canvas' })
    chart.setOption(option)
    const resize = new ResizeObserver(() => chart.resize())
    resize.observe(el)
    return () => {
      resize.disconnect()
      chart.dispose()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the option's content, not its identity
  }, [shown])
  return ref
}

export function MetricsCharts({ charts, offsetMinutes, categoryName }: { charts: FigureCharts; offsetMinutes: number; categoryName: (code: string) => string }) {
  const received = t('metrics.chart.received')
  const closed = t('metrics.chart.closed')
  const legend = { data: [received, closed], textStyle: { color: TEXT }, top: 0, right: 0 }
  const title = (text: string) => ({ text, textStyle: { color: TEXT, fontSize: 13 }, left: 0, top: 0 })
  const trendRef = useChart({
    animation: false,
    title: title(t(charts.bucket === 'hour' ? 'metrics.chart.trendHour' : 'metrics.chart.trendDay')),
    legend,
    grid: { left: 36, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: charts.trend.map((b) => bucketLabel(b.from, charts.bucket, offsetMinutes)), ...AXIS },
    yAxis: { type: 'value', minInterval: 1, ...AXIS },
    series: [
      { name: received, type: 'line', data: charts.trend.map((b) => b.received), color: RECEIVED, showSymbol: false },
      { name: closed, type: 'line', data: charts.trend.map((b) => b.closed), color: CLOSED, showSymbol: false }
    ]
  })
  const top = charts.categories.slice(0, 10)
  const barRef = useChart({
    animation: false,
    title: title(t('metrics.chart.byCategory')),
    legend,
    grid: { left: 36, right: 12, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: top.map((c) => categoryName(c.code)), ...AXIS, axisLabel: { color: TEXT, interval: 0, rotate: top.length > 5 ? 20 : 0 } },
    yAxis: { type: 'value', minInterval: 1, ...AXIS },
    series: [
      { name: received, type: 'bar', data: top.map((c) => c.received), color: RECEIVED },
      { name: closed, type: 'bar', data: top.map((c) => c.closed), color: CLOSED }
    ]
  })
  return (
    <div className="metrics__charts" data-testid="metrics-charts">
      <div ref={trendRef} className="metrics__chart" data-testid="metrics-trend" role="img" aria-label={t(charts.bucket === 'hour' ? 'metrics.chart.trendHour' : 'metrics.chart.trendDay')} />
      <div ref={barRef} className="metrics__chart" data-testid="metrics-by-category" role="img" aria-label={t('metrics.chart.byCategory')} />
    </div>
  )
}
