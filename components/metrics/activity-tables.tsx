import { formatDuration } from '@/lib/format/format-metric'
import { formatDateTime } from '@/lib/format/format-time'
import { deploymentOutcome } from '@/lib/format/deployment-status'
import type { RecentDeployment, RecentIncident } from '@/lib/queries/list-recent-activity'

// Each row links to its deployment page; its outcome reads as a rollback when it is one.
// tz: the view's zone, which every time in the table is written in
export function DeploymentsTable({ rows, tz = 'UTC', empty = 'No deployments yet.' }: { rows: RecentDeployment[]; tz?: string; empty?: string }) {
  if (rows.length === 0) return <p className="card empty-state">{empty}</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="deployments">
        <thead><tr><th>Finished ({tz})</th><th>Service</th><th>Environment</th><th>Status</th><th>Version</th><th>Strategy</th><th>Duration</th><th>Id</th></tr></thead>
        <tbody>
          {rows.map((d) => {
            const outcome = deploymentOutcome(d)
            return (
              <tr key={d.id} data-deployment={d.id}>
                <td>{d.finishedAt ? formatDateTime(d.finishedAt, tz) : 'in progress'}</td>
                <td><a href={`/services/${d.service}`}>{d.service}</a></td>
                <td>{d.environment}</td>
                <td className={outcome.className}>{outcome.label}</td>
                <td>{d.version ?? '—'}</td>
                <td>{d.strategy.replace('_', ' ')}</td>
                <td>{formatDuration(d.durationSeconds)}</td>
                <td><a href={`/deployments/${d.id}`}>{d.externalId}</a></td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

export function IncidentsTable({ rows, tz = 'UTC' }: { rows: RecentIncident[]; tz?: string }) {
  if (rows.length === 0) return <p className="card empty-state">No incidents recorded.</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="incidents">
        <thead><tr><th>Opened ({tz})</th><th>Service</th><th>Title</th><th>Severity</th><th>Restored after</th></tr></thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.id}>
              <td>{formatDateTime(i.openedAt, tz)}</td>
              <td><a href={`/services/${i.service}`}>{i.service}</a></td>
              <td><a href={`/incidents/${i.id}`}>{i.title}</a>{i.outage ? ' (outage)' : ''}</td>
              <td>{i.severity ?? '—'}</td>
              <td>{i.resolvedAt ? formatDuration((i.resolvedAt.getTime() - i.openedAt.getTime()) / 1000) : 'open'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
