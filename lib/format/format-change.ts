import { formatDuration, formatValue } from '@/lib/format/format-metric'
import type { Change } from '@/lib/metrics/compare'

type Unit = 'per_day' | 'seconds' | 'ratio'

// A change against the previous period as a lead says it, always with the previous value: "was 8.4%,
// +1.0 pp" for ratios (percentage points, not a relative percent of a percent), availability as the
// downtime it means over the span ("+52 min of downtime"), durations in time ("+2 h 10 min"). No figure
// when the change withheld one (a sample below the minimum): the reason instead.
// spanSeconds: the observed span of the window (availability's downtime is read over it).
export function describeChange(metric: string, unit: Unit, change: Change, spanSeconds: number): string {
  if (change.previous === null) return 'no data in the previous period'
  const was = `was ${formatValue(change.previous, unit, metric)}`
  if (change.absolute === null) return `${was}; ${change.reason ?? 'no change figure'}`
  return `${was}, ${delta(metric, unit, change.absolute, spanSeconds)}`
}

function delta(metric: string, unit: Unit, absolute: number, spanSeconds: number): string {
  if (metric === 'availability') {
    // less availability is more downtime over the same span
    const downtime = -absolute * spanSeconds
    return Math.round(Math.abs(downtime)) === 0 ? 'same downtime' : `${signOf(downtime)}${formatDuration(Math.abs(downtime))} of downtime`
  }
  if (unit === 'ratio') {
    const points = absolute * 100
    return `${signOf(Number(points.toFixed(1)))}${Math.abs(points).toFixed(1)} pp`
  }
  if (absolute === 0) return 'no change'
  return `${signOf(absolute)}${unit === 'seconds' ? formatDuration(Math.abs(absolute)) : formatValue(Math.abs(absolute), unit, metric)}`
}

const signOf = (n: number) => (n > 0 ? '+' : n < 0 ? '-' : '±')

// The compliance score S (0-100) against the previous window, in points of S: "was 71.4, +3.2 points".
export function describeScoreChange(change: Change): string {
  if (change.previous === null) return 'no data in the previous period'
  const was = `was ${change.previous.toFixed(1)}`
  if (change.absolute === null) return `${was}; ${change.reason ?? 'no change figure'}`
  const points = Number(change.absolute.toFixed(1))
  return points === 0 ? `${was}, no change` : `${was}, ${signOf(points)}${Math.abs(points).toFixed(1)} points`
}
