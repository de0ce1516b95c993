import { formatAvailability, formatDowntime } from '@/lib/format/format-availability'
import { formatCount, formatDuration, formatPercent } from '@/lib/format/format-metric'
import type { SloStatus } from '@/lib/metrics/slo'

// The SLO columns of /availability: both indicators where a service has both, the one its SLO uses marked,
// and the budget and burn rates of that one (seconds of downtime, or failed requests).
const windowName = { rolling_28d: '28 days', rolling_30d: '30 days', calendar_month: 'this month', calendar_quarter: 'this quarter' } as const
const rate = (r: number | null) => (r === null ? '—' : r < 10 ? r.toFixed(2) : r.toFixed(0))
const uses = (slo: SloStatus, indicator: SloStatus['indicator']) => (slo.indicator === indicator ? <strong> (SLO uses this)</strong> : null)

export function SloCell({ slo, probed }: { slo: SloStatus; probed: boolean }) {
  const r = slo.requests
  return (
    <td title={slo.description}>
      {slo.target}% over {windowName[slo.window]}<div className="muted small">{slo.description.split(': ')[1]}</div>
      {probed && <div className="small" data-testid="slo-probes">
        probes: {formatAvailability(slo.availability, slo.target)} · {formatDowntime(slo.downtimeSeconds, slo.downtimeErrorSeconds)} down{uses(slo, 'probes')}
      </div>}
      {r && <div className="small" data-testid="slo-requests">
        requests: {formatAvailability(r.availability, slo.target)} · {formatCount(r.failedRequests)} of {formatCount(r.totalRequests)} failed{uses(slo, 'requests')}
      </div>}
      {slo.indicator === 'requests' && !r && <div className="muted small">requests: no traffic in the window (SLO uses this)</div>}
      {slo.probesTooCoarse && <div className="small status-failure" data-testid="probes-too-coarse">
        probes too coarse for this target: one failed probe every {slo.probeIntervalSeconds} s outweighs the whole budget
      </div>}
    </td>
  )
}

export function BudgetCell({ slo }: { slo: SloStatus }) {
  if (slo.indicator === 'requests') {
    const b = slo.requests?.budget
    if (!b) return <td className="muted">no data</td>
    return (
      <td className={b.remainingRequests < 0 ? 'status-failure' : undefined} data-testid="budget-requests">
        {formatCount(b.remainingRequests)} of {formatCount(b.totalRequests)} failed requests
        <div className="muted small">{formatPercent(b.remainingRatio, 0)} left · {formatCount(b.spentRequests)} spent</div>
      </td>
    )
  }
  const b = slo.budget
  return (
    <td className={b.remainingSeconds < 0 ? 'status-failure' : undefined}>
      {formatDuration(b.remainingSeconds)} of {formatDuration(b.totalSeconds)}
      <div className="muted small">{formatPercent(b.remainingRatio, 0)} left · {formatDowntime(b.spentSeconds, slo.downtimeErrorSeconds)} spent</div>
    </td>
  )
}

export function BurnCell({ slo }: { slo: SloStatus }) {
  const b = slo.indicator === 'requests' ? slo.requests?.burnRate : slo.burnRate
  return <td data-testid="burn">{b ? `${rate(b.oneHour)} / ${rate(b.sixHours)} / ${rate(b.oneDay)} / ${rate(b.threeDays)}` : '—'}</td>
}
