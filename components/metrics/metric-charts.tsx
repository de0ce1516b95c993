'use client'

import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { Bar, BarChart, CartesianGrid, Cell, ComposedChart, Legend, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts'
import type { MouseHandlerDataParam } from 'recharts'
import { ChartCard, axisTick, gridProps } from '@/components/charts/chart-parts'
import { formatCount, formatDuration } from '@/lib/format/format-metric'
import type { MetricName } from '@/lib/metrics/definitions'

// One point of a metric's series, as the report gives it (durations in seconds, rates as fractions).
export type MetricPoint = { bucket: string } & Record<string, number | string | null>

const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : 'no data')
const dur = (v: unknown) => (typeof v === 'number' ? formatDuration(v) : 'no data')
const n = (p: MetricPoint, key: string) => formatCount(Number(p[key] ?? 0))

type Series = { key: string; name: string; color: string; format: (v: unknown) => string; stack?: boolean }
type ChartSpec = {
  title: string
  testId: string
  kind: 'bars' | 'lines'
  series: Series[]
  yFormat: (v: number) => string
  // what the tooltip says the point rests on
  sample: (p: MetricPoint) => string
}

const rateAxis = (v: number) => `${Math.round(v * 100)}%`
const durationAxis = (v: number) => formatDuration(v)

// Each metric's own charts; every chart's buckets open their records.
const specs: Record<MetricName, ChartSpec[]> = {
  deploymentFrequency: [{
    title: 'Deployments per bucket', testId: 'chart-deploymentFrequency', kind: 'bars', yFormat: (v) => formatCount(v),
    series: [
      { key: 'success', name: 'succeeded', color: 'var(--good)', format: (v) => formatCount(Number(v)), stack: true },
      { key: 'failure', name: 'failed', color: 'var(--bad)', format: (v) => formatCount(Number(v)), stack: true },
    ],
    sample: (p) => `n = ${formatCount(Number(p.success ?? 0) + Number(p.failure ?? 0))} finished`,
  }],
  leadTime: [{
    title: 'Lead time: median and 90th percentile', testId: 'chart-leadTime', kind: 'lines', yFormat: durationAxis,
    series: [
      { key: 'median', name: 'median', color: 'var(--accent)', format: dur },
      { key: 'p90', name: '90th percentile', color: 'var(--muted)', format: dur },
    ],
    sample: (p) => `n = ${n(p, 'count')} changes`,
  }],
  changeFailureRate: [{
    title: 'Change failure rate per bucket', testId: 'chart-changeFailureRate', kind: 'bars', yFormat: rateAxis,
    series: [{ key: 'rate', name: 'change failure rate', color: 'var(--bad)', format: pct }],
    sample: (p) => `${n(p, 'failures')} failures of n = ${n(p, 'deployments')} finished`,
  }],
  timeToRestore: [{
    title: 'Time to restore: median and mean', testId: 'chart-timeToRestore', kind: 'lines', yFormat: durationAxis,
    series: [
      { key: 'median', name: 'median', color: 'var(--accent)', format: dur },
      { key: 'mean', name: 'mean', color: 'var(--muted)', format: dur },
    ],
    sample: (p) => `n = ${n(p, 'count')} restored incidents`,
  }],
  failedDeploymentRecoveryTime: [{
    title: 'Failed deployment recovery time (median)', testId: 'chart-failedDeploymentRecoveryTime', kind: 'lines', yFormat: durationAxis,
    series: [{ key: 'median', name: 'median', color: 'var(--accent)', format: dur }],
    sample: (p) => `n = ${n(p, 'count')} recovered failures`,
  }],
  reworkRate: [{
    title: 'Rework rate per bucket', testId: 'chart-reworkRate', kind: 'bars', yFormat: rateAxis,
    series: [{ key: 'rate', name: 'rework rate', color: 'var(--accent)', format: pct }],
    sample: (p) => `${n(p, 'unplanned')} unplanned of n = ${n(p, 'deployments')} finished`,
  }],
  availability: [
    {
      title: 'Uptime', testId: 'chart-availability', kind: 'lines', yFormat: (v) => `${(v * 100).toFixed(2)}%`,
      series: [{ key: 'value', name: 'availability', color: 'var(--good)', format: (v) => (typeof v === 'number' ? `${(v * 100).toFixed(3)}%` : 'no data') }],
      sample: (p) => `mean over n = ${n(p, 'services')} services with data`,
    },
    {
      title: 'Downtime', testId: 'chart-downtime', kind: 'bars', yFormat: durationAxis,
      series: [{ key: 'downtimeSeconds', name: 'downtime', color: 'var(--bad)', format: dur }],
      sample: (p) => `summed over n = ${n(p, 'services')} services with data`,
    },
  ],
}

function BucketTooltip({ spec, active, payload }: { spec: ChartSpec; active?: boolean; payload?: readonly { payload?: MetricPoint }[] }) {
  const p = payload?.[0]?.payload
  if (!active || !p) return null
  return (
    <div className="chart-tooltip">
      <strong>{p.bucket}</strong>
      {spec.series.map((s) => <div key={s.key}>{s.name}: {s.format(p[s.key])}</div>)}
      <div className="muted">{spec.sample(p)}</div>
      <div className="muted">Click to list its records</div>
    </div>
  )
}

function MetricChart({ spec, points, selected, open }: { spec: ChartSpec; points: MetricPoint[]; selected: string | null; open: (bucket: string) => void }) {
  // a click anywhere in a bucket's column (the tooltip's active bucket): by its label, else by its index
  const onClick = (state: MouseHandlerDataParam) => {
    const index = Number(state.activeIndex)
    const point = points.find((p) => p.bucket === String(state.activeLabel)) ?? (Number.isInteger(index) ? points[index] : undefined)
    if (point) open(point.bucket)
  }
  const shared = (
    <>
      <CartesianGrid {...gridProps} />
      <XAxis dataKey="bucket" tick={axisTick} />
      <YAxis tickFormatter={spec.yFormat} tick={axisTick} width={72} />
      <Tooltip content={<BucketTooltip spec={spec} />} />
      <Legend />
      {selected && <ReferenceArea x1={selected} x2={selected} fill="var(--accent)" fillOpacity={0.12} ifOverflow="visible" />}
    </>
  )
  return (
    <ChartCard title={spec.title} testId={spec.testId}>
      {spec.kind === 'bars' ? (
        <BarChart data={points} onClick={onClick} style={{ cursor: 'pointer' }}>
          {shared}
          {spec.series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId={s.stack ? 'stack' : undefined} fill={s.color} isAnimationActive={false}>
              {points.map((p) => <Cell key={p.bucket} fillOpacity={selected && p.bucket !== selected ? 0.45 : 1} />)}
            </Bar>
          ))}
        </BarChart>
      ) : (
        <ComposedChart data={points} onClick={onClick} style={{ cursor: 'pointer' }}>
          {shared}
          {spec.series.map((s) => (
            <Line key={s.key} dataKey={s.key} name={s.name} stroke={s.color} dot={{ r: 3 }} activeDot={{ r: 5 }} isAnimationActive={false} />
          ))}
        </ComposedChart>
      )}
    </ChartCard>
  )
}

// The metric's charts and a bucket picker (the same choice for keyboards): choosing a bucket narrows the
// records below to it, in the URL (?bucket=<its start date>), so the view can be shared.
export function MetricCharts({ metric, points, selected }: { metric: MetricName; points: MetricPoint[]; selected: string | null }) {
  const router = useRouter()
  const pathname = usePathname()
  const search = useSearchParams()
  const open = (bucket: string | null) => {
    const q = new URLSearchParams(search.toString())
    q.delete('page')
    if (bucket) q.set('bucket', bucket)
    else q.delete('bucket')
    const qs = q.toString()
    router.push(`${pathname}${qs ? `?${qs}` : ''}#records`)
  }
  return (
    <>
      <div className="charts">
        {specs[metric].map((spec) => <MetricChart key={spec.testId} spec={spec} points={points} selected={selected} open={open} />)}
      </div>
      <label className="bucket-picker">Records of
        <select data-testid="bucket-select" value={selected ?? ''} onChange={(e) => open(e.target.value || null)}>
          <option value="">the whole range</option>
          {points.map((p) => <option key={p.bucket} value={p.bucket}>the bucket from {p.bucket}</option>)}
        </select>
      </label>
    </>
  )
}
