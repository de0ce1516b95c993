import type { ReactNode } from 'react'
import { formatCount, formatDuration, formatFrequency, formatPercent } from '@/lib/format/format-metric'
import type { MetricResult } from '@/lib/metrics/build-report'
import type { MetricName } from '@/lib/metrics/definitions'
import type { OpenIncident } from '@/lib/queries/metrics/time-to-restore'
import type { PullRequestLeadTime } from '@/lib/queries/metrics/lead-time'

// The figures behind a metric's headline, in words: mean and median both, the split of change failures
// by reason, the pull-request split of lead time, and the incidents still open on time to restore.
type Fact = [label: string, value: ReactNode]

const num = (v: unknown) => (typeof v === 'number' ? v : null)
const count = (v: unknown) => formatCount(num(v) ?? 0)

function facts(name: MetricName, s: Record<string, unknown>): Fact[] {
  switch (name) {
    case 'deploymentFrequency':
      return [
        ['Successful deployments', count(s.count)], ['Per day', formatFrequency(num(s.perDay))],
        ['Deployment days', count(s.deploymentDays)], ['Failed deployments', count(s.failed)],
      ]
    case 'leadTime': {
      const pr = s.pullRequests as PullRequestLeadTime
      return [
        ['Median', formatDuration(num(s.median))], ['Mean', formatDuration(num(s.mean))],
        ['75th percentile', formatDuration(num(s.p75))], ['90th percentile', formatDuration(num(s.p90))], ['Changes', count(s.count)],
        ['Pull requests deployed', formatCount(pr.count)],
        ['Pull requests: first commit to deploy (median)', formatDuration(pr.firstCommitMedian)],
        ['Pull requests: first commit to merge (median)', formatDuration(pr.firstCommitToMergeMedian)],
        ['Pull requests: merge to deploy (median)', formatDuration(pr.mergedToDeployMedian)],
      ]
    }
    case 'changeFailureRate': {
      const r = s.reasons as { failed: number; rolledBack: number; incident: number }
      return [
        ['Change failure rate', formatPercent(num(s.rate))], ['Change failures', count(s.failures)], ['Finished deployments', count(s.deployments)],
        ['Failed', formatCount(r.failed)], ['Rolled back', formatCount(r.rolledBack)], ['Linked to an incident', formatCount(r.incident)],
      ]
    }
    case 'timeToRestore':
      return [
        ['Median', formatDuration(num(s.median))], ['Mean (the M of MTTR)', formatDuration(num(s.mean))],
        ['90th percentile', formatDuration(num(s.p90))], ['Restored incidents', count(s.count)],
        ['Still open', count((s.open as { total: number }).total)],
      ]
    case 'failedDeploymentRecoveryTime':
      return [
        ['Median', formatDuration(num(s.median))], ['Mean', formatDuration(num(s.mean))],
        ['Recovered failures', count(s.count)], ['Not recovered yet', count(s.unrecovered)],
      ]
    case 'reworkRate':
      return [['Rework rate', formatPercent(num(s.rate))], ['Unplanned deployments', count(s.unplanned)], ['Finished deployments', count(s.deployments)]]
    case 'availability': {
      const services = (s.services as { availability: number | null; downtimeSeconds: number }[]).filter((x) => x.availability !== null)
      return [
        ['Availability (mean)', formatPercent(num(s.value), 3)], ['Services with data', formatCount(services.length)],
        ['Downtime (summed over them)', formatDuration(services.reduce((t, x) => t + x.downtimeSeconds, 0))],
        ['Services without data', formatCount((s.withoutData as string[]).length)],
      ]
    }
  }
}

export function MetricFacts({ name, metric }: { name: MetricName; metric: MetricResult }) {
  return (
    <section className="card">
      <h2>Figures</h2>
      <dl className="metric-facts" data-testid="facts">
        {facts(name, metric.summary).map(([label, value]) => (
          <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
        ))}
      </dl>
      {name === 'changeFailureRate' && <p className="muted metric-note">A deployment can fail for more than one reason, so the reasons can add up to more than the failures.</p>}
    </section>
  )
}

// Time to restore's definition promises them: the incidents still open at the end of the window, with their age.
export function OpenIncidents({ open }: { open: { total: number; incidents: OpenIncident[] } }) {
  return (
    <section className="card" data-testid="open-incidents">
      <h2>Open incidents ({formatCount(open.total)})</h2>
      {open.incidents.length === 0 ? <p className="muted">No incident of this scope is open at the end of the range.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table>
            <thead><tr><th scope="col">Incident</th><th scope="col">Service</th><th scope="col">Title</th><th scope="col">Open for</th></tr></thead>
            <tbody>
              {open.incidents.map((i) => (
                <tr key={i.id} data-incident={i.externalId}>
                  <td><a href={`/incidents/${i.id}`}>{i.externalId}</a></td>
                  <td>{i.service}</td>
                  <td>{i.title}</td>
                  <td>{formatDuration(i.ageSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {open.total > open.incidents.length && <p className="muted metric-note">The {formatCount(open.incidents.length)} oldest of {formatCount(open.total)}.</p>}
        </div>
      )}
    </section>
  )
}
