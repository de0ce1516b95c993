import type { Metadata } from 'next'
import '@/components/availability/availability.css'
import { UptimeBar } from '@/components/availability/uptime-bar'
import { getAvailabilityOverview, type ServiceUptime } from '@/lib/dashboard/availability-overview'
import { formatAvailability, formatDowntime } from '@/lib/format/format-availability'
import { formatDuration, formatPercent } from '@/lib/format/format-metric'
import { mean } from '@/lib/metrics/percentile'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'

export const metadata: Metadata = { title: 'Availability' }

export const dynamic = 'force-dynamic'

const windowName = { rolling_28d: '28 days', rolling_30d: '30 days', calendar_quarter: 'this quarter' } as const
const rate = (r: number | null) => (r === null ? '—' : r < 10 ? r.toFixed(2) : r.toFixed(0))

function Status({ s }: { s: ServiceUptime }) {
  if (s.status === 'down') return <span className="badge status-down">down</span>
  if (s.status === 'up') return <span className="badge status-up">up</span>
  return <span className="muted">no data</span>
}

// Availability of every service the reader may read, worst first: 90 days of uptime, status now, SLO and error budget.
export default async function AvailabilityPage() {
  const now = new Date()
  const services = await getAvailabilityOverview(now, await pageReadableTeams())
  // the organisation's figure is over the services with data only; the others are named, not counted as 100 %
  const org = mean(services.map((s) => s.availability).filter((v): v is number => v !== null))
  const withoutData = services.filter((s) => s.status === 'unmonitored')
  const down = services.filter((s) => s.status === 'down').length
  const overspent = services.filter((s) => s.status !== 'unmonitored' && s.slo.budget.remainingSeconds < 0).length
  return (
    <>
      <h1>Availability</h1>
      <p className="muted" data-testid="availability-summary">
        Last 90 days (UTC) · organisation <span data-testid="organisation-availability">{org === null ? 'no data' : formatPercent(org, 3)}</span>{' '}
        (mean over {services.length - withoutData.length} service{services.length - withoutData.length === 1 ? '' : 's'} with data) · {down} down now · {overspent} over their error budget ·
        outages and probe failures counted once · <a href="/incidents?outage=true">outage incidents</a> · <a href="/docs/api">probe API</a>
      </p>
      {withoutData.length > 0 && (
        <p className="card empty-state" data-testid="availability-without-data">
          No data for {withoutData.length} service{withoutData.length === 1 ? '' : 's'} (no probe and no outage incident), left out of the
          organisation&apos;s figure: {withoutData.map((s) => s.name).join(', ')}. Add a probe (<a href="/docs/api">POST /api/v1/checks</a>) to measure it.
        </p>
      )}
      {services.length === 0 ? <p className="card empty-state">No services yet.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="availability">
            <thead>
              <tr>
                <th scope="col">Service</th><th scope="col">Now</th><th scope="col">90 days</th>
                <th scope="col">Uptime, one cell a day</th><th scope="col">SLO</th><th scope="col">Error budget left</th><th scope="col">Burn 1 h / 6 h</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={`${s.team}/${s.slug}`} data-service={s.slug}>
                  <td><a href={serviceHref(s, sharedSlugs(services))}>{s.name}</a><div className="muted small">{s.team}</div></td>
                  <td>
                    <Status s={s} />
                    {s.checks.map((c) => <div key={c.name} className="muted small">{c.name}: {c.lastUp === null ? 'no result yet' : c.lastUp ? 'passing' : `failing since ${c.downSince?.toISOString().slice(0, 16).replace('T', ' ') ?? '?'}`}</div>)}
                  </td>
                  <td>{s.availability === null ? <span className="muted">no data</span> : formatAvailability(s.availability, s.slo.target)}</td>
                  <td className="uptime-col"><UptimeBar label={`${s.name}: ${s.availability === null ? 'no data' : `${formatAvailability(s.availability, s.slo.target)} available`} over 90 days`} days={s.days} /></td>
                  <td title={s.slo.description}>{s.slo.target}% over {windowName[s.slo.window]}<div className="muted small">{s.slo.description.split(': ')[1]}</div>
                    {s.status !== 'unmonitored' && <div className="small" data-testid="slo-availability">
                      {formatAvailability(s.slo.availability, s.slo.target)} · {formatDowntime(s.slo.downtimeSeconds, s.slo.downtimeErrorSeconds)} down
                    </div>}
                    {s.slo.probesTooCoarse && <div className="small status-failure" data-testid="probes-too-coarse">
                      probes too coarse for this target: one failed probe every {s.slo.probeIntervalSeconds} s outweighs the whole budget
                    </div>}
                  </td>
                  {s.status === 'unmonitored' ? <td className="muted">no data</td> : <td className={s.slo.budget.remainingSeconds < 0 ? 'status-failure' : undefined}>
                    {formatDuration(s.slo.budget.remainingSeconds)} of {formatDuration(s.slo.budget.totalSeconds)}
                    <div className="muted small">{formatPercent(s.slo.budget.remainingRatio, 0)} left · {formatDowntime(s.slo.budget.spentSeconds, s.slo.downtimeErrorSeconds)} spent</div>
                  </td>}
                  <td>{rate(s.slo.burnRate.oneHour)} / {rate(s.slo.burnRate.sixHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
