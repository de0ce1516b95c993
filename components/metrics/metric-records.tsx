import type { ReactNode } from 'react'
import { commitUrl, shortSha } from '@/lib/dashboard/commit-url'
import { formatDuration } from '@/lib/format/format-metric'
import { formatDateTime } from '@/lib/format/format-time'
import type { MetricName } from '@/lib/metrics/definitions'
import { pullRequestLink, pullRequestStages } from '@/components/metrics/pull-request-cells'

// The records behind one metric, with the columns a lead reads them by: human names with units, times in
// the page's zone, a short sha linking to its commit, a deployment to its page and an incident to its own.
type Row = Record<string, unknown>
type Column = { label: string; cell: (r: Row, tz: string) => ReactNode }

const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v))
const dash = '—'

const when = (v: unknown, tz: string) => (v instanceof Date ? formatDateTime(v, tz) : dash)

function commit(repositoryUrl: unknown, sha: unknown): ReactNode {
  const s = str(sha)
  if (!s) return dash
  const url = commitUrl(str(repositoryUrl), s)
  return url ? <a href={url} title={s}><code>{shortSha(s)}</code></a> : <code title={s}>{shortSha(s)}</code>
}

// /deployments/<id>: the deployment's own page (its id, not the reporter's, which is unique per source only).
function deployment(id: unknown, label: unknown): ReactNode {
  const name = str(label) ?? str(id)
  return id === null || id === undefined ? dash : <a href={`/deployments/${String(id)}`}>{name}</a>
}

function incident(id: unknown, label: unknown): ReactNode {
  return <a href={`/incidents/${String(id)}`}>{str(label) ?? String(id)}</a>
}

// A rollback reads as one, not as a green "success".
function status(r: Row): ReactNode {
  const s = String(r.status)
  const word = r.rollback ? 'rollback' : s === 'failure' ? 'failed' : s === 'success' ? 'succeeded' : s
  return <span className={`status-${r.rollback ? 'rollback' : s}`}>{word}</span>
}

// Why a classified deployment is a change failure, in the API's order (docs/metrics.md).
export function failureReasons(r: Row): string[] {
  return [
    r.failed && 'failed',
    r.rolledBack && 'rolled back',
    r.incidentNamedIt && 'incident named it',
    r.incidentAttributed && 'incident attributed to it',
  ].filter((x): x is string => typeof x === 'string')
}

function unplannedReasons(r: Row): string[] {
  return [r.hotfix && 'hotfix', r.rollback && 'rollback', r.fixesIncident && 'fixes an incident'].filter((x): x is string => typeof x === 'string')
}

const deploymentBase: Column[] = [
  { label: 'Deployment', cell: (r) => deployment(r.id, r.externalId) },
  { label: 'Service', cell: (r) => String(r.service) },
  { label: 'Environment', cell: (r) => String(r.environment) },
  { label: 'Status', cell: status },
  { label: 'Finished', cell: (r, tz) => when(r.finishedAt, tz) },
  { label: 'Version', cell: (r) => str(r.version) ?? dash },
  { label: 'Strategy', cell: (r) => str(r.strategy) ?? dash },
  { label: 'Commit', cell: (r) => commit(r.repositoryUrl, r.sha) },
]

const incidentsCell: Column = {
  label: 'Incidents',
  cell: (r) => (Array.isArray(r.incidents) && r.incidents.length ? r.incidents.join(', ') : dash),
}
const failureCell: Column = { label: 'Change failure: why', cell: (r) => failureReasons(r).join(', ') || dash }
// the highest traffic share the deployment reached (issue 22's blast radius)
const blastCell: Column = { label: 'Blast radius (% of traffic)', cell: (r) => (typeof r.blastRadius === 'number' ? `${Math.round(r.blastRadius)}%` : dash) }

const columns: Record<MetricName, Column[]> = {
  deploymentFrequency: deploymentBase,
  leadTime: [
    { label: 'Commit', cell: (r) => commit(r.repositoryUrl, r.sha) },
    { label: 'Service', cell: (r) => String(r.service) },
    { label: 'Environment', cell: (r) => String(r.environment) },
    { label: 'Pull request', cell: (r) => pullRequestLink(r) },
    { label: 'Stages', cell: (r) => pullRequestStages(r) },
    { label: 'Committed', cell: (r, tz) => when(r.committedAt, tz) },
    { label: 'Deployed', cell: (r, tz) => when(r.deployedAt, tz) },
    { label: 'Lead time', cell: (r) => (typeof r.leadTimeSeconds === 'number' ? formatDuration(r.leadTimeSeconds) : dash) },
    { label: 'Deployment', cell: (r) => deployment(r.deploymentId, r.deploymentExternalId) },
    { label: 'Note', cell: (r) => str(r.note) ?? '' },
  ],
  changeFailureRate: [...deploymentBase, failureCell, blastCell, incidentsCell],
  failedDeploymentRecoveryTime: [...deploymentBase, failureCell, incidentsCell],
  reworkRate: [...deploymentBase, { label: 'Unplanned: why', cell: (r) => unplannedReasons(r).join(', ') || dash }],
  timeToRestore: [
    { label: 'Incident', cell: (r) => incident(r.id, r.externalId) },
    { label: 'Service', cell: (r) => String(r.service) },
    { label: 'Title', cell: (r) => String(r.title) },
    { label: 'Severity', cell: (r) => str(r.severity) ?? dash },
    { label: 'Opened', cell: (r, tz) => when(r.openedAt, tz) },
    { label: 'Resolved', cell: (r, tz) => when(r.resolvedAt, tz) },
    { label: 'Time to restore', cell: (r) => (typeof r.restoreSeconds === 'number' ? formatDuration(r.restoreSeconds) : dash) },
    { label: 'Outage', cell: (r) => (r.outage ? 'yes' : 'no') },
    { label: 'Caused by', cell: (r) => deployment(r.causeDeploymentId, null) },
  ],
  availability: [
    { label: 'Outage', cell: (r) => incident(r.id, r.externalId) },
    { label: 'Service', cell: (r) => String(r.service) },
    { label: 'Title', cell: (r) => String(r.title) },
    { label: 'Opened', cell: (r, tz) => when(r.openedAt, tz) },
    { label: 'Resolved', cell: (r, tz) => (r.resolvedAt instanceof Date ? when(r.resolvedAt, tz) : 'still open') },
  ],
}

// Rows that are change failures (or unplanned, on rework) are marked, not just listed.
const marked: Partial<Record<MetricName, (r: Row) => boolean>> = {
  changeFailureRate: (r) => r.changeFailure === true,
  failedDeploymentRecoveryTime: (r) => r.changeFailure === true,
  reworkRate: (r) => r.unplanned === true,
}

export function MetricRecords({ metric, rows, tz }: { metric: MetricName; rows: Row[]; tz: string }) {
  if (rows.length === 0) return <p className="card empty-state">No records in this scope and window.</p>
  const cols = columns[metric]
  const mark = marked[metric]
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="records" className="records">
        <thead><tr>{cols.map((c) => <th key={c.label} scope="col">{c.label}</th>)}</tr></thead>
        <tbody>
          {rows.map((r, i) => {
            const flagged = mark?.(r) ?? false
            return (
              <tr key={String(r.id ?? r.changeId ?? i)} className={flagged ? 'record-marked' : undefined} data-marked={flagged ? 'true' : undefined}>
                {cols.map((c) => <td key={c.label}>{c.cell(r, tz)}</td>)}
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
