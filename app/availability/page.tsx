import type { Metadata } from 'next'
import '@/components/availability/availability.css'
import { UptimeBar } from '@/components/availability/uptime-bar'
import { getAvailabilityOverview, type ServiceUptime } from '@/lib/dashboard/availability-overview'
import { BudgetCell, BurnCell, SloCell } from '@/components/availability/slo-cells'
import { formatAvailability } from '@/lib/format/format-availability'
import { formatPercent } from '@/lib/format/format-metric'
import { mean } from '@/lib/metrics/percentile'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'
import { formatDateTime } from '@/lib/format/format-time'
import { pageTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'

export const metadata: Metadata = { title: 'Availability' }

export const dynamic = 'force-dynamic'


function Status({ s }: { s: ServiceUptime }) {
  if (s.status === 'down') return <span className="badge status-down">down</span>
  if (s.status === 'up') return <span className="badge status-up">up</span>
  return <span className="muted">no data</span>
}

// Availability of every service the reader may read, worst first: 90 days of uptime, status now, SLO and error budget.
export default async function AvailabilityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const now = new Date()
  const sp = await searchParams
  // "failing since" in the reader's zone; the 90 day bars stay UTC days (one probe rollup per UTC day)
  const tz = await pageTimeZone(sp)
  const services = await getAvailabilityOverview(now, await pageReadableTeams())
  // the organisation's figure is over the services with data only; the others are named, not counted as 100 %
  const org = mean(services.map((s) => s.availability).filter((v): v is number => v !== null))
  const withoutData = services.filter((s) => s.status === 'unmonitored')
  const down = services.filter((s) => s.status === 'down').length
  const overspent = services.filter((s) => (s.slo.indicator === 'requests'
    ? (s.slo.requests?.budget.remainingRequests ?? 0) < 0 : s.status !== 'unmonitored' && s.slo.budget.remainingSeconds < 0)).length
  return (
    <>
      <h1>Availability</h1>
      <ZoneGuessed tz={tz} fromUrl={tz === sp.tz} />
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
                <th scope="col">Uptime, one cell a day</th><th scope="col">SLO</th><th scope="col">Error budget left</th><th scope="col">Burn 1 h / 6 h / 1 d / 3 d</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={`${s.team}/${s.slug}`} data-service={s.slug}>
                  <td><a href={serviceHref(s, sharedSlugs(services))}>{s.name}</a><div className="muted small">{s.team}</div></td>
                  <td>
                    <Status s={s} />
                    {s.checks.map((c) => <div key={c.name} className="muted small">{c.name}: {c.lastUp === null ? 'no result yet' : c.lastUp ? 'passing' : `failing since ${c.downSince ? `${formatDateTime(c.downSince, tz)} (${tz})` : '?'}`}</div>)}
                  </td>
                  <td>{s.availability === null ? <span className="muted">no data</span> : formatAvailability(s.availability, s.slo.target)}</td>
                  <td className="uptime-col"><UptimeBar label={`${s.name}: ${s.availability === null ? 'no data' : `${formatAvailability(s.availability, s.slo.target)} available`} over 90 days`} days={s.days} /></td>
                  <SloCell slo={s.slo} probed={s.status !== 'unmonitored'} />
                  {s.status === 'unmonitored' && s.slo.indicator === 'probes' ? <td className="muted">no data</td> : <BudgetCell slo={s.slo} />}
                  <BurnCell slo={s.slo} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
