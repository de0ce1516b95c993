'use client'

import { useId } from 'react'
import { Area, Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts'
import {
  ChartCard, Hatch, PointTooltip, annotationMark, axisTick, barShape, bucketTick, gridProps, pointDot, tooltipCursor,
} from '@/components/charts/chart-parts'
import { clipTop, durationAxis, formatDurationTick, percentAxis } from '@/lib/dashboard/chart-scale'
import { lastWholeBuckets, type Annotation, type BucketInfo, type DurationPoint, type LevelLine, type TrendData } from '@/lib/dashboard/trend-data'
import { describeChange } from '@/lib/format/format-change'
import { formatCount, formatDuration } from '@/lib/format/format-metric'
import { compare } from '@/lib/metrics/compare'
import { minimumSamples } from '@/lib/metrics/minimum-sample'

export { ChartCard } from '@/components/charts/chart-parts'
export type { TrendData } from '@/lib/dashboard/trend-data'

type Shown = { shown: number | null; solid: number | null; dashed: number | null; clipped: boolean }

// Each point's value as drawn: at most `top` (an outlier sits on the top edge, marked), whole buckets on
// the solid line, partial ones (and their neighbours, to join them) on the dashed one.
export function drawn<T extends BucketInfo>(points: T[], value: (p: T) => number | null, top: number): (T & Shown)[] {
  const shown = points.map((p) => {
    const v = value(p)
    return v === null ? null : Math.min(v, top)
  })
  const partial = (i: number) => points[i]?.partial != null
  return points.map((p, i) => ({
    ...p,
    shown: shown[i]!,
    clipped: (value(p) ?? 0) > top,
    solid: partial(i) ? null : shown[i]!,
    dashed: partial(i) || partial(i - 1) || partial(i + 1) ? shown[i]! : null,
  }))
}

export const partialSet = (points: BucketInfo[]) => new Set(points.filter((p) => p.partial !== null).map((p) => p.bucket))

export function Annotations({ list, keys }: { list: Annotation[]; keys: Set<string> }) {
  return list.filter((a) => keys.has(a.bucket)).map((a) => (
    <ReferenceLine key={`a-${a.bucket}`} x={a.bucket} stroke="var(--bad)" strokeDasharray="2 3" className="chart-annotation" ifOverflow="extendDomain"
      label={{ value: annotationMark(a), position: 'insideTop', fontSize: 10, fill: 'var(--fg)' }} />
  ))
}

export function LevelLines({ lines, top, format }: { lines: LevelLine[]; top: number; format?: (v: number) => string }) {
  return lines.filter((l) => l.value <= top).map((l) => (
    <ReferenceLine key={l.label} y={l.value} stroke="var(--muted)" strokeDasharray="4 4" className="level-line"
      label={{ value: format ? format(l.value) : l.label, fontSize: 10, fill: 'var(--muted)', position: 'insideTopRight' }} />
  ))
}

// A goal's target (docs/metrics.md "Goals") across the chart, in the chart's unit; the axis reaches it.
export function GoalLine({ value, label }: { value: number | undefined; label: string }) {
  if (value === undefined) return null
  return (
    <ReferenceLine y={value} stroke="var(--accent)" strokeDasharray="8 4" strokeWidth={1.5} className="goal-line" ifOverflow="extendDomain"
      label={{ value: `goal ${label}`, fontSize: 10, fill: 'var(--fg)', position: 'insideBottomRight' }} />
  )
}

// What a lead reads under a chart: the last whole bucket against the one before (never a partial one,
// never below the minimum sample), the level lines above the axis, the outliers clipped, the markers.
function Note({ change, clipped, hiddenLevels, data, empty }: {
  change?: string | null; clipped?: number; hiddenLevels?: LevelLine[]; data: TrendData; empty?: boolean
}) {
  const unit = data.rolling ? 'day' : data.granularity
  if (empty) return <div data-testid="chart-empty">No values in this range.</div>
  return (
    <>
      {change && <div data-testid="chart-change">Last whole {unit}: {change}</div>}
      {clipped ? <div>{clipped} outlier{clipped === 1 ? '' : 's'} above the axis, marked ▲ (values in the tooltip)</div> : null}
      {hiddenLevels && hiddenLevels.length > 0 && <div>Above the axis: {hiddenLevels.map((l) => l.label).join(', ')}</div>}
    </>
  )
}

function durationChange(points: DurationPoint[], min: number): string | null {
  const pair = lastWholeBuckets(points, min)
  if (!pair || pair[0].median === null || pair[1].median === null) return null
  return `${formatDuration(pair[0].median)} (${describeChange('duration', 'seconds', compare(pair[0].median, pair[1].median, false), 0)})`
}

function DurationChart({ title, testId, points, levels, data, band, min, goal }: {
  title: string; testId: string; points: DurationPoint[]; levels: LevelLine[]; data: TrendData; band?: boolean; min: number; goal?: number
}) {
  const keep = clipTop(points.map((p) => p.median))
  const axis = durationAxis(Math.max(keep.keep, goal ?? 0))
  const rows = drawn(points, (p) => p.median, axis.top).map((p) => ({
    ...p, band: band && p.partial === null && p.median !== null && p.p90 !== null ? [Math.min(p.median, axis.top), Math.min(p.p90, axis.top)] : null,
  }))
  const byBucket = new Map(data.annotations.map((a) => [a.bucket, a]))
  const tick = bucketTick(partialSet(points), data.granularity)
  return (
    <ChartCard title={title} testId={testId} height={240}
      note={<Note data={data} change={durationChange(points, min)} clipped={rows.filter((r) => r.clipped).length} hiddenLevels={levels.filter((l) => l.value > axis.top)}
        empty={points.every((p) => p.median === null)} />}>
      <ComposedChart data={rows} margin={{ top: 14, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid {...gridProps} />
        <XAxis dataKey="bucket" tick={tick} height={36} interval="preserveStartEnd" />
        <YAxis domain={[0, axis.top]} ticks={axis.ticks} tickFormatter={(v: number) => formatDurationTick(v, axis.unit)} tick={axisTick} allowDataOverflow width={60} />
        <Tooltip cursor={tooltipCursor} content={({ active, payload }) => {
          const p = active ? (payload?.[0]?.payload as (typeof rows)[number] | undefined) : undefined
          if (!p) return null
          const rowsOut = [{ label: 'median', value: formatDuration(p.median) }]
          if (band) rowsOut.push({ label: 'p90', value: formatDuration(p.p90) })
          if (p.few && p.n > 0) rowsOut.push({ label: 'sample', value: `below the minimum of ${min}` })
          return <PointTooltip point={p} granularity={data.granularity} rolling={null} rows={rowsOut} annotation={byBucket.get(p.bucket)} />
        }} />
        {band && <Area dataKey="band" name="p50-p90" stroke="none" fill="var(--accent)" fillOpacity={0.15} isAnimationActive={false} legendType="none" />}
        <Line dataKey="solid" name="median" stroke="var(--accent)" dot={pointDot('var(--accent)', 'whole')} activeDot={false} connectNulls isAnimationActive={false} />
        <Line dataKey="dashed" name="partial" stroke="var(--accent)" strokeDasharray="4 3" dot={pointDot('var(--accent)', 'partial')} activeDot={false}
          isAnimationActive={false} legendType="none" />
        {LevelLines({ lines: levels, top: axis.top })}
        {GoalLine({ value: goal, label: `≤ ${formatDuration(goal ?? null)}` })}
        {Annotations({ list: data.annotations, keys: new Set(points.map((p) => p.bucket)) })}
      </ComposedChart>
    </ChartCard>
  )
}

// The overview's four trend charts, also on the metric pages. Partial buckets are hatched or dashed and
// hollow, labelled "partial"; points on fewer events than the minimum sample are hollow; level lines come
// from the selected benchmark set; markers show failed deployments, rollbacks and incidents. goals: the
// scope's targets per metric (headline units), drawn as a dashed line where a chart shows that metric.
export function TrendCharts({ data, goals = {} }: { data: TrendData; goals?: Partial<Record<string, number>> }) {
  const id = useId().replace(/:/g, '')
  const byBucket = new Map(data.annotations.map((a) => [a.bucket, a]))
  const keys = new Set(data.deployments.map((p) => p.bucket))
  const depTick = bucketTick(partialSet(data.deployments), data.granularity)
  const depPair = lastWholeBuckets(data.deployments, 0)
  const depChange = depPair && `${formatCount(depPair[0].success)} deployment${depPair[0].success === 1 ? '' : 's'} (was ${formatCount(depPair[1].success)}, ${signed(depPair[0].success - depPair[1].success)})`

  const cfrMin = minimumSamples.changeFailureRate.n
  const cfrGoal = goals.changeFailureRate === undefined ? undefined : goals.changeFailureRate * 100
  const cfrAxis = percentAxis(Math.max(0, cfrGoal ?? 0, ...data.changeFailure.map((p) => p.percent ?? 0), ...data.levels.changeFailure.map((l) => l.value)))
  const cfrRows = drawn(data.changeFailure, (p) => p.percent, cfrAxis.top)
  const cfrPair = lastWholeBuckets(data.changeFailure, cfrMin)
  const ratioOf = (p: { failures: number; n: number }) => p.failures / p.n
  const cfrChange = cfrPair && `${(ratioOf(cfrPair[0]) * 100).toFixed(1)}% (${describeChange('changeFailureRate', 'ratio', compare(ratioOf(cfrPair[0]), ratioOf(cfrPair[1]), false), 0)})`

  return (
    <div className="charts" data-granularity={data.granularity} data-rolling={data.rolling ?? undefined}>
      <ChartCard title={data.rolling ? `Deployments, trailing ${data.rolling} days` : 'Deployments per bucket'} testId="chart-deployments" height={240}
        note={<Note data={data} change={depChange} />}>
        <BarChart data={data.deployments} margin={{ top: 14, right: 8, bottom: 8, left: 0 }}>
          <defs>
            <Hatch id={`${id}-good`} color="var(--good)" />
            <Hatch id={`${id}-bad`} color="var(--bad)" />
          </defs>
          <CartesianGrid {...gridProps} />
          <XAxis dataKey="bucket" tick={depTick} height={36} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={axisTick} tickFormatter={(v: number) => formatCount(v)} width={60} />
          <Tooltip cursor={tooltipCursor} content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as TrendData['deployments'][number] | undefined) : undefined
            if (!p) return null
            const rows = [{ label: 'succeeded', value: formatCount(p.success) }, { label: 'failed', value: formatCount(p.failure) }]
            return <PointTooltip point={p} granularity={data.granularity} rolling={data.rolling} rows={rows} annotation={byBucket.get(p.bucket)} />
          }} />
          <Legend />
          <Bar dataKey="success" name="succeeded" stackId="d" fill="var(--good)" shape={barShape('var(--good)', `${id}-good`)} isAnimationActive={false} />
          <Bar dataKey="failure" name="failed" stackId="d" fill="var(--bad)" shape={barShape('var(--bad)', `${id}-bad`)} isAnimationActive={false} />
          {Annotations({ list: data.annotations, keys })}
        </BarChart>
      </ChartCard>
      <DurationChart title="Lead time: median with p50-p90 band" testId="chart-lead-time" points={data.leadTime} levels={data.levels.leadTime} data={data} band
        min={minimumSamples.leadTime.n} goal={goals.leadTime} />
      <ChartCard title={data.rolling ? `Change failure rate, trailing ${data.rolling} days` : 'Change failure rate'} testId="chart-change-failure" height={240}
        note={<Note data={data} change={cfrChange} />}>
        <ComposedChart data={cfrRows} margin={{ top: 14, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid {...gridProps} />
          <XAxis dataKey="bucket" tick={bucketTick(partialSet(data.changeFailure), data.granularity)} height={36} interval="preserveStartEnd" />
          <YAxis domain={[0, cfrAxis.top]} ticks={cfrAxis.ticks} tickFormatter={(v: number) => `${v}%`} tick={axisTick} width={60} />
          <Tooltip cursor={tooltipCursor} content={({ active, payload }) => {
            const p = active ? (payload?.[0]?.payload as (typeof cfrRows)[number] | undefined) : undefined
            if (!p) return null
            const rows = [
              { label: 'change failure rate', value: p.percent === null ? 'no deployments' : `${p.percent.toFixed(1)}%` },
              { label: 'failures', value: `${formatCount(p.failures)} of ${formatCount(p.n)}` },
              ...(p.few && p.n > 0 ? [{ label: 'sample', value: `below the minimum of ${cfrMin}` }] : []),
            ]
            return <PointTooltip point={p} granularity={data.granularity} rolling={data.rolling} rows={rows} annotation={byBucket.get(p.bucket)} />
          }} />
          <Line dataKey="solid" name="change failure rate" stroke="var(--bad)" dot={pointDot('var(--bad)', 'whole')} activeDot={false} connectNulls isAnimationActive={false} />
          <Line dataKey="dashed" name="partial" stroke="var(--bad)" strokeDasharray="4 3" dot={pointDot('var(--bad)', 'partial')} activeDot={false}
            isAnimationActive={false} legendType="none" />
          {LevelLines({ lines: data.levels.changeFailure, top: cfrAxis.top })}
          {GoalLine({ value: cfrGoal, label: `≤ ${cfrGoal?.toFixed(1)}%` })}
          {Annotations({ list: data.annotations, keys })}
        </ComposedChart>
      </ChartCard>
      <DurationChart title="Time to restore (median)" testId="chart-restore" points={data.restore} levels={data.levels.restore} data={data}
        min={minimumSamples.timeToRestore.n} goal={goals.timeToRestore} />
      <p className="chart-legend muted" data-testid="chart-legend">
        Hatched bars and dashed, hollow points: partial buckets (labelled &quot;partial&quot;), never used for a change figure.
        Hollow points: fewer events than the minimum sample. ▲ at the top edge: an outlier above the axis.
        {data.annotations.length > 0 && ' Markers: ✕ failed deployments, ↺ rollbacks, ! incidents.'}
        {(goals.leadTime ?? goals.changeFailureRate ?? goals.timeToRestore) !== undefined && ' Long dashes: the goal\'s target.'}
      </p>
    </div>
  )
}

const signed = (n: number) => (n > 0 ? `+${formatCount(n)}` : n < 0 ? `-${formatCount(-n)}` : '±0')
