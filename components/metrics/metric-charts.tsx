'use client'

import { usePathname, useRouter, useSearchParams } from 'next/navigation'
import { useId } from 'react'
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts'
import type { MouseHandlerDataParam } from 'recharts'
import { ChartCard, Hatch, annotationText, axisTick, barShape, bucketTick, gridProps, pointDot } from '@/components/charts/chart-parts'
import { Annotations, GoalLine, LevelLines, drawn, partialSet } from '@/components/charts/trend-charts'
import { durationAxis, formatDurationTick } from '@/lib/dashboard/chart-scale'
import { bucketTitle, type Annotation, type BucketInfo, type LevelLine, type TrendData } from '@/lib/dashboard/trend-data'
import { formatCount, formatDuration } from '@/lib/format/format-metric'
import type { MetricName } from '@/lib/metrics/definitions'
import type { Granularity } from '@/lib/time/buckets'

// One point of a metric's series, as the report gives it (durations in seconds, rates as fractions), with
// its bucket's bounds and whether the range holds only part of it (lib/dashboard/trend-data.ts partialOf).
export type MetricPoint = BucketInfo & Record<string, number | string | null>

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
  // the selected benchmark set's level lines, in this chart's unit (none for metrics without DORA levels)
  levels?: (l: TrendData['levels']) => LevelLine[]
  duration?: boolean
  // a goal's target (docs/metrics.md "Goals", in the API's headline unit) as drawn on this chart: a line at a value,
  // or (deployment frequency, a target per day on a chart per bucket) a value per bucket from its length
  goal?: (target: number) => { at: number | ((p: MetricPoint) => number); label: string }
}

// The overview's level lines in a metric chart's unit: CFR's are percent there, fractions here.
const rateLevels = (l: TrendData['levels']) => l.changeFailure.map((x) => ({ value: x.value / 100, label: x.label }))

const rateAxis = (v: number) => `${Math.round(v * 100)}%`
const percentOf = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`
const atMost = (format: (v: number) => string) => (t: number) => ({ at: t, label: `≤ ${format(t)}` })
const DAY_MS = 86_400_000
// a per-day target over one bucket: weeks are 7 days, months 28 to 31 (and a day of a DST change 23 or 25 hours)
const perBucket = (target: number) => (p: MetricPoint) => (target * (Date.parse(p.end) - Date.parse(p.start))) / DAY_MS
const durationTick = (v: number) => formatDuration(v)

// Each metric's own charts; every chart's buckets open their records.
const specs: Record<MetricName, ChartSpec[]> = {
  deploymentFrequency: [{
    title: 'Deployments per bucket', testId: 'chart-deploymentFrequency', kind: 'bars', yFormat: (v) => formatCount(v),
    series: [
      { key: 'success', name: 'succeeded', color: 'var(--good)', format: (v) => formatCount(Number(v)), stack: true },
      { key: 'failure', name: 'failed', color: 'var(--bad)', format: (v) => formatCount(Number(v)), stack: true },
    ],
    sample: (p) => `n = ${formatCount(Number(p.success ?? 0) + Number(p.failure ?? 0))} finished`,
    goal: (t) => ({ at: perBucket(t), label: `≥ ${formatCount(t)} a day` }),
  }],
  leadTime: [{
    title: 'Lead time: median and 90th percentile', testId: 'chart-leadTime', kind: 'lines', yFormat: durationTick, duration: true,
    levels: (l) => l.leadTime,
    series: [
      { key: 'median', name: 'median', color: 'var(--accent)', format: dur },
      { key: 'p90', name: '90th percentile', color: 'var(--muted)', format: dur },
    ],
    sample: (p) => `n = ${n(p, 'count')} changes`,
    goal: atMost((t) => formatDuration(t)),
  }],
  changeFailureRate: [{
    title: 'Change failure rate per bucket', testId: 'chart-changeFailureRate', kind: 'bars', yFormat: rateAxis, levels: rateLevels,
    series: [{ key: 'rate', name: 'change failure rate', color: 'var(--bad)', format: pct }],
    sample: (p) => `${n(p, 'failures')} failures of n = ${n(p, 'deployments')} finished`,
    goal: atMost((t) => percentOf(t)),
  }],
  timeToRestore: [{
    title: 'Time to restore: median and mean', testId: 'chart-timeToRestore', kind: 'lines', yFormat: durationTick, duration: true,
    levels: (l) => l.restore,
    series: [
      { key: 'median', name: 'median', color: 'var(--accent)', format: dur },
      { key: 'mean', name: 'mean', color: 'var(--muted)', format: dur },
    ],
    sample: (p) => `n = ${n(p, 'count')} restored incidents`,
    goal: atMost((t) => formatDuration(t)),
  }],
  failedDeploymentRecoveryTime: [{
    title: 'Failed deployment recovery time: median and mean', testId: 'chart-failedDeploymentRecoveryTime', kind: 'lines', yFormat: durationTick,
    duration: true, levels: (l) => l.restore,
    series: [
      { key: 'median', name: 'median', color: 'var(--accent)', format: dur },
      { key: 'mean', name: 'mean', color: 'var(--muted)', format: dur },
    ],
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
      goal: (t) => ({ at: t, label: `≥ ${percentOf(t, 3)}` }),
    },
    {
      title: 'Downtime', testId: 'chart-downtime', kind: 'bars', yFormat: durationTick,
      series: [{ key: 'downtimeSeconds', name: 'downtime', color: 'var(--bad)', format: dur }],
      sample: (p) => `summed over n = ${n(p, 'services')} services with data`,
    },
  ],
}

type ChartContext = { granularity: Granularity; levels: TrendData['levels']; annotations: Annotation[] }

function BucketTooltip({ spec, granularity, annotations, active, payload }: {
  spec: ChartSpec; granularity: Granularity; annotations: Map<string, Annotation>; active?: boolean; payload?: readonly { payload?: MetricPoint }[]
}) {
  const p = payload?.[0]?.payload
  if (!active || !p) return null
  const marked = annotations.get(p.bucket)
  return (
    <div className="chart-tooltip">
      <strong>{bucketTitle(p.bucket, granularity, null)}</strong>
      {p.partial && <div className="chart-tooltip-partial">partial: {p.partial}</div>}
      {spec.series.map((s) => <div key={s.key}>{s.name}: {s.format(p[s.key])}</div>)}
      <div className="muted">{spec.sample(p)}</div>
      {marked && <div className="chart-tooltip-events">{annotationText(marked)}</div>}
      <div className="muted">Click to list its records</div>
    </div>
  )
}

const num = (v: unknown) => (typeof v === 'number' ? v : null)

// Each line series split as the overview draws it: whole buckets solid, partial ones (joined to their
// neighbours) dashed with hollow points (components/charts/trend-charts.tsx drawn).
function lineRows(spec: ChartSpec, points: MetricPoint[]): MetricPoint[] {
  const split = spec.series.map((s) => drawn(points, (p) => num(p[s.key]), Infinity))
  return points.map((p, i) => ({
    ...p,
    ...Object.fromEntries(spec.series.flatMap((s, j) => [[`${s.key}Solid`, split[j]![i]!.solid], [`${s.key}Dashed`, split[j]![i]!.dashed]])),
  }))
}

function MetricChart({ spec, points, selected, open, context, goal }: {
  spec: ChartSpec; points: MetricPoint[]; selected: string | null; open: (bucket: string) => void; context: ChartContext; goal?: number
}) {
  const id = useId().replace(/:/g, '')
  // a click anywhere in a bucket's column (the tooltip's active bucket): by its label, else by its index
  const onClick = (state: MouseHandlerDataParam) => {
    const index = Number(state.activeIndex)
    const point = points.find((p) => p.bucket === String(state.activeLabel)) ?? (Number.isInteger(index) ? points[index] : undefined)
    if (point) open(point.bucket)
  }
  const levels = spec.levels?.(context.levels) ?? []
  const target = goal === undefined ? undefined : spec.goal?.(goal)
  const goalAt = target && typeof target.at === 'function' ? target.at : null
  const goalValue = target && typeof target.at === 'number' ? target.at : undefined
  const rows = goalAt ? points.map((p) => ({ ...p, goal: goalAt(p) })) : points
  // durations on one unit with round ticks (1 h, 6 h, 1 d, 1 w), reaching the level lines and the goal
  const values = [...points.flatMap((p) => spec.series.map((s) => num(p[s.key]) ?? 0)), goalValue ?? 0, ...rows.map((p) => num(p.goal) ?? 0)]
  const axis = spec.duration ? durationAxis(Math.max(0, ...values, ...levels.map((l) => l.value))) : null
  const top = axis?.top ?? Math.max(0, ...values, ...levels.map((l) => l.value))
  const keys = new Set(points.map((p) => p.bucket))
  const byBucket = new Map(context.annotations.map((a) => [a.bucket, a]))
  const shared = (
    <>
      <CartesianGrid {...gridProps} />
      <XAxis dataKey="bucket" tick={bucketTick(partialSet(points), context.granularity)} height={36} interval="preserveStartEnd" />
      {axis
        ? <YAxis domain={[0, axis.top]} ticks={axis.ticks} tickFormatter={(v: number) => formatDurationTick(v, axis.unit)} tick={axisTick} width={72} />
        : <YAxis domain={[0, levels.length > 0 ? top : 'auto']} tickFormatter={spec.yFormat} tick={axisTick} width={72} />}
      <Tooltip content={<BucketTooltip spec={spec} granularity={context.granularity} annotations={byBucket} />} />
      <Legend />
      {selected && <ReferenceArea x1={selected} x2={selected} fill="var(--accent)" fillOpacity={0.12} ifOverflow="visible" />}
      {LevelLines({ lines: levels, top })}
      {GoalLine({ value: goalValue, label: target?.label ?? '' })}
      {Annotations({ list: context.annotations, keys })}
    </>
  )
  const bars = spec.series.map((s, i) => (
    <Bar key={s.key} dataKey={s.key} name={s.name} stackId={s.stack ? 'stack' : undefined} fill={s.color} shape={barShape(s.color, `${id}-${i}`)}
      isAnimationActive={false} />
  ))
  return (
    <ChartCard title={spec.title} testId={spec.testId}>
      {spec.kind === 'bars' && goalAt ? (
        // a goal per bucket is a stepped line over the bars
        <ComposedChart data={rows} onClick={onClick} style={{ cursor: 'pointer' }}>
          <defs>{spec.series.map((s, i) => <Hatch key={s.key} id={`${id}-${i}`} color={s.color} />)}</defs>
          {shared}
          {bars}
          <Line dataKey="goal" name={`goal ${target?.label}`} stroke="var(--accent)" strokeDasharray="8 4" strokeWidth={1.5} type="step" dot={false}
            activeDot={false} className="goal-line" isAnimationActive={false} />
        </ComposedChart>
      ) : spec.kind === 'bars' ? (
        <BarChart data={points} onClick={onClick} style={{ cursor: 'pointer' }}>
          <defs>{spec.series.map((s, i) => <Hatch key={s.key} id={`${id}-${i}`} color={s.color} />)}</defs>
          {shared}
          {bars}
        </BarChart>
      ) : (
        <ComposedChart data={lineRows(spec, points)} onClick={onClick} style={{ cursor: 'pointer' }}>
          {shared}
          {spec.series.flatMap((s) => [
            <Line key={s.key} dataKey={`${s.key}Solid`} name={s.name} stroke={s.color} dot={pointDot(s.color, 'whole')} activeDot={{ r: 5 }} connectNulls
              isAnimationActive={false} />,
            <Line key={`${s.key}-partial`} dataKey={`${s.key}Dashed`} name={`${s.name} (partial)`} stroke={s.color} strokeDasharray="4 3"
              dot={pointDot(s.color, 'partial')} activeDot={false} isAnimationActive={false} legendType="none" />,
          ])}
        </ComposedChart>
      )}
    </ChartCard>
  )
}

// The metric's charts and a bucket picker (the same choice for keyboards): choosing a bucket narrows the
// records below to it, in the URL (?bucket=<its start date>), so the view can be shared. Partial buckets,
// level lines of the selected benchmark set and the markers (failed deployments, rollbacks, incidents;
// annotations=off hides them) are drawn as on the overview's charts, with the same parts.
export function MetricCharts({ metric, points, selected, granularity, levels, annotations, goal }: {
  metric: MetricName; points: MetricPoint[]; selected: string | null; goal?: number
} & ChartContext) {
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
  const context = { granularity, levels, annotations }
  return (
    <>
      <div className="charts">
        {specs[metric].map((spec) => (
          <MetricChart key={spec.testId} spec={spec} points={points} selected={selected} open={open} context={context} goal={goal} />
        ))}
      </div>
      <p className="chart-legend muted" data-testid="metric-chart-legend">
        Hatched bars and dashed, hollow points: partial buckets (labelled &quot;partial&quot;). Dashed grey lines: the levels of the selected benchmark set.
        {annotations.length > 0 && ' Markers: ✕ failed deployments, ↺ rollbacks, ! incidents.'}
        {goal !== undefined && specs[metric].some((s) => s.goal) && ' Long dashes: the goal\'s target.'}
      </p>
      <label className="bucket-picker">Records of
        <select data-testid="bucket-select" value={selected ?? ''} onChange={(e) => open(e.target.value || null)}>
          <option value="">the whole range</option>
          {points.map((p) => <option key={p.bucket} value={p.bucket}>the bucket from {p.bucket}{p.partial ? ' (partial)' : ''}</option>)}
        </select>
      </label>
    </>
  )
}
