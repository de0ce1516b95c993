import { formatCount, formatDuration, formatPercent } from '@/lib/format/format-metric'
import { strategyLabel } from '@/lib/format/strategy'
import type { StrategyFigures } from '@/lib/metrics/strategy-comparison'

// A figure of a strategy: "not enough data" below the minimum sample, "no data" for nothing measured.
function Figure({ s, value, sub }: { s: StrategyFigures; value: string | null; sub?: string }) {
  if (s.notEnoughData) return <span className="muted">not enough data</span>
  if (value === null) return <span className="muted">no data</span>
  return <>{value}{sub && <div className="muted small">{sub}</div>}</>
}

const orNull = <T,>(v: T | null, f: (v: T) => string) => (v === null ? null : f(v))

// The strategies side by side (issue 22): the /strategies page's table.
export function StrategyTable({ strategies }: { strategies: StrategyFigures[] }) {
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="strategies">
        <thead>
          <tr>
            <th scope="col">Strategy</th><th scope="col">Deployments</th><th scope="col">Change failure rate (95 %)</th>
            <th scope="col">Blast radius (median)</th><th scope="col">Recovery (median)</th><th scope="col">Start to ready (median / p90)</th>
            <th scope="col">Lead time (median)</th><th scope="col">Rework</th><th scope="col">Zero-downtime</th><th scope="col">Downtime</th>
          </tr>
        </thead>
        <tbody>
          {strategies.map((s) => {
            const cfr = s.changeFailureRate
            return (
              <tr key={s.strategy} data-strategy={s.strategy}>
                <th scope="row">{strategyLabel(s.strategy)}</th>
                <td>{formatCount(s.deployments)}{s.notEnoughData && <div className="muted small" title={s.notEnoughData}>below the minimum sample</div>}</td>
                <td><Figure s={s} value={orNull(cfr.value, formatPercent)} sub={cfr.interval ? `${formatPercent(cfr.interval.low)}–${formatPercent(cfr.interval.high)}` : undefined} /></td>
                <td><Figure s={s} value={orNull(s.blastRadius.median, (m) => `${m.toFixed(m % 1 ? 1 : 0)} % of traffic`)} /></td>
                <td><Figure s={s} value={orNull(s.recoveryTime.median, formatDuration)} /></td>
                <td><Figure s={s} value={orNull(s.startToReady.median, (m) => `${formatDuration(m)} / ${formatDuration(s.startToReady.p90)}`)} /></td>
                <td><Figure s={s} value={orNull(s.leadTime.median, formatDuration)} /></td>
                <td><Figure s={s} value={orNull(s.reworkRate.value, formatPercent)} /></td>
                <td><Figure s={s} value={orNull(s.downtime.zeroDowntimeRate, formatPercent)} sub={s.downtime.measured ? `of ${formatCount(s.downtime.measured)} probed` : undefined} /></td>
                <td>{s.downtime.totalSeconds === null ? <span className="muted">no data</span> : formatDuration(s.downtime.totalSeconds)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
