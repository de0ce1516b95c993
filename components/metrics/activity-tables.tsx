import { formatDuration } from '@/lib/format/format-metric'
import type { RecentDeployment, RecentIncident } from '@/lib/queries/list-recent-activity'

const when = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) : '—')

export function DeploymentsTable({ rows }: { rows: RecentDeployment[] }) {
  if (rows.length === 0) return <p className="card empty-state">No deployments yet.</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="deployments">
        <thead><tr><th>Finished (UTC)</th><th>Service</th><th>Environment</th><th>Status</th><th>Version</th><th>Strategy</th><th>Duration</th><th>Id</th></tr></thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.id}>
              <td>{d.finishedAt ? when(d.finishedAt) : 'in progress'}</td>
              <td><a href={`/services/${d.service}`}>{d.service}</a></td>
              <td>{d.environment}</td>
              <td className={`status-${d.status}`}>{d.status}{d.rollback ? ' · rollback' : ''}{d.hotfix ? ' · hotfix' : ''}</td>
              <td>{d.version ?? '—'}</td>
              <td>{d.strategy.replace('_', ' ')}</td>
              <td>{formatDuration(d.durationSeconds)}</td>
              <td>{d.url ? <a href={d.url}>{d.externalId}</a> : d.externalId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export function IncidentsTable({ rows }: { rows: RecentIncident[] }) {
  if (rows.length === 0) return <p className="card empty-state">No incidents recorded.</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="incidents">
        <thead><tr><th>Opened (UTC)</th><th>Service</th><th>Title</th><th>Severity</th><th>Restored after</th></tr></thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.id}>
              <td>{when(i.openedAt)}</td>
              <td>{i.service}</td>
              <td>{i.title}{i.outage ? ' (outage)' : ''}</td>
              <td>{i.severity ?? '—'}</td>
              <td>{i.resolvedAt ? formatDuration((i.resolvedAt.getTime() - i.openedAt.getTime()) / 1000) : 'open'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
