'use client'

import { ResponsiveContainer } from 'recharts'
import { formatCount } from '@/lib/format/format-metric'
import { bucketLabel, bucketTitle, type Annotation, type BucketInfo } from '@/lib/dashboard/trend-data'
import type { Granularity } from '@/lib/time/buckets'

// The pieces every trend chart shares: its card, themed tooltip, x-axis ticks that say "partial",
// hollow and clipped points, hatched partial bars and the annotation markers.

export const axisTick = { fontSize: 11, fill: 'var(--muted)' }
export const gridProps = { strokeDasharray: '3 3', stroke: 'var(--border)' }
// the hover highlight behind a bucket, in the theme's colours rather than recharts' light grey
export const tooltipCursor = { fill: 'var(--highlight)', stroke: 'var(--border)' }

// A titled card around one responsive chart (also used by components/compliance).
export function ChartCard({ title, testId, height = 220, note, children }: {
  title: string; testId: string; height?: number; note?: React.ReactNode; children: React.ReactElement
}) {
  return (
    <section className="card chart-card" data-testid={testId}>
      <h3>{title}</h3>
      <ResponsiveContainer width="100%" height={height}>{children}</ResponsiveContainer>
      {note && <div className="chart-note muted">{note}</div>}
    </section>
  )
}

type Row = { label: string; value: string }

// The tooltip of a bucket: what it is, whether it is partial, each value with its n.
export function PointTooltip({ point, granularity, rolling, rows, annotation }: {
  point: BucketInfo & { n: number }; granularity: Granularity; rolling: string | null; rows: Row[]; annotation?: Annotation
}) {
  return (
    <div className="chart-tooltip" role="status" data-testid="chart-tooltip">
      <div className="chart-tooltip-title">{bucketTitle(point.bucket, granularity, rolling)}</div>
      {point.partial && <div className="chart-tooltip-partial">partial: {point.partial}</div>}
      <dl>
        {rows.map((r) => (
          <div key={r.label}><dt>{r.label}</dt><dd>{r.value}</dd></div>
        ))}
        <div><dt>n</dt><dd>{formatCount(point.n)}</dd></div>
      </dl>
      {annotation && <div className="chart-tooltip-events">{annotationText(annotation)}</div>}
    </div>
  )
}

export function annotationText(a: Annotation): string {
  const parts = [
    a.failed > 0 && `${formatCount(a.failed)} failed deployment${a.failed === 1 ? '' : 's'}`,
    a.rollbacks > 0 && `${formatCount(a.rollbacks)} rollback${a.rollbacks === 1 ? '' : 's'}`,
    a.incidents > 0 && `${formatCount(a.incidents)} incident${a.incidents === 1 ? '' : 's'}`,
  ].filter(Boolean)
  return parts.join(' · ')
}

// The marker's short text on the chart: ✕ failed deployments, ↺ rollbacks, ! incidents.
export function annotationMark(a: Annotation): string {
  return [a.failed > 0 && `✕${a.failed}`, a.rollbacks > 0 && `↺${a.rollbacks}`, a.incidents > 0 && `!${a.incidents}`].filter(Boolean).join(' ')
}

type TickProps = { x?: number | string; y?: number | string; payload?: { value: unknown } }

// An x-axis tick: the bucket's short name, and "partial" under it when the bucket is partial.
export function bucketTick(partial: Set<string>, granularity: Granularity) {
  return function BucketTick({ x = 0, y = 0, payload }: TickProps) {
    const key = String(payload?.value ?? '')
    return (
      <g transform={`translate(${x},${y})`}>
        <text dy={12} textAnchor="middle" fontSize={11} fill="var(--muted)">{bucketLabel(key, granularity)}</text>
        {partial.has(key) && <text dy={24} textAnchor="middle" fontSize={10} fill="var(--muted)" className="tick-partial">partial</text>}
      </g>
    )
  }
}

type DotProps = { cx?: number; cy?: number; index?: number; payload?: { partial: string | null; few?: boolean; clipped?: boolean } }

// A point: filled when whole and on enough events; hollow when partial or on fewer than the minimum
// sample; a triangle at the top edge when its value lies above the axis (clipped outlier).
export function pointDot(color: string, which: 'whole' | 'partial') {
  return function PointDot({ cx, cy, index, payload }: DotProps) {
    if (cx === undefined || cy === undefined || !payload || Number.isNaN(cy)) return <g key={index} />
    if ((payload.partial !== null) !== (which === 'partial')) return <g key={index} />
    const kind = payload.clipped ? 'clipped' : payload.partial ? 'partial' : payload.few ? 'few' : 'whole'
    if (kind === 'clipped') {
      return <path key={index} className="point-clipped" d={`M${cx - 5},${cy + 6} L${cx + 5},${cy + 6} L${cx},${cy - 2} Z`} fill={color} data-kind={kind} />
    }
    const hollow = kind !== 'whole'
    return (
      <circle key={index} cx={cx} cy={cy} r={3} stroke={color} strokeWidth={1.5} fill={hollow ? 'var(--card)' : color}
        strokeDasharray={kind === 'partial' ? '2 1' : undefined} className={`point point-${kind}`} data-kind={kind} />
    )
  }
}

// Hatching for the bars of partial buckets, one pattern per colour.
export function Hatch({ id, color }: { id: string; color: string }) {
  return (
    <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width={6} height={6} fill="var(--card)" />
      <line x1={0} y1={0} x2={0} y2={6} stroke={color} strokeWidth={3} />
    </pattern>
  )
}

type BarShapeProps = { x?: number; y?: number; width?: number; height?: number; payload?: BucketInfo }

// A bar, hatched and outlined when its bucket is partial.
export function barShape(color: string, hatchId: string) {
  return function BarShape({ x = 0, y = 0, width = 0, height = 0, payload }: BarShapeProps) {
    const partial = payload?.partial != null
    if (height <= 0) return <g />
    return (
      <rect x={x} y={y} width={width} height={height} fill={partial ? `url(#${hatchId})` : color} stroke={partial ? color : 'none'}
        className={partial ? 'bar bar-partial' : 'bar'} data-bucket={payload?.bucket} />
    )
  }
}
