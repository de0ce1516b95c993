import type { SettingsGithubConnection } from '@/lib/queries/list-github-connections'
import type { GithubImports } from '@/lib/validation/github-imports'
import { GithubImportProgress } from '@/components/settings/github-import-progress'
import { formatDateTime } from '@/lib/format/format-time'

// times in tz, the reader's zone
const date = (d: Date | null, tz: string) => (d ? `${formatDateTime(d, tz)} ${tz}` : 'not yet')

const credentialsText = { token: 'an API token', app: 'a GitHub App installation' } as const
const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`

function ConnectionSummary({ c, tz }: { c: SettingsGithubConnection; tz: string }) {
  const repositories = new Set(c.repositories.map((r) => r.fullName)).size
  const reconciled = c.credentials ? `reconciled hourly with ${credentialsText[c.credentials]}` : 'no API credentials: webhooks only'
  return (
    <ul className="muted" data-testid="github-connection-summary">
      <li>
        {c.organisation
          ? <>Organisation <strong>{c.organisation}</strong>: {count(repositories, 'repository', 'repositories')} mapped (a repository becomes a service of its name on its first event, or with <code>backfill {c.organisation}</code>)</>
          : <>{count(repositories, 'repository', 'repositories')} mapped with <code>map</code></>}
      </li>
      {c.enterpriseUrl ? <li>GitHub Enterprise Server: <code>{c.enterpriseUrl}</code></li> : null}
      <li>{reconciled}{c.organisation && c.credentials ? <>; organisation hook last read {date(c.lastSyncedAt, tz)}</> : null}; {count(c.gapsFound, 'gap', 'gaps')} found in all</li>
      <li>
        {count(c.deliveries, 'webhook delivery', 'webhook deliveries')}
        {c.failedDeliveries ? <span className="status-failure"> · {c.failedDeliveries.toLocaleString('en')} failed</span> : null}
      </li>
    </ul>
  )
}

function RepositoryTable({ c, tz }: { c: SettingsGithubConnection; tz: string }) {
  if (c.repositories.length === 0) return <p className="muted">No repositories yet.</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table>
        <caption className="visually-hidden">Repositories of {c.name}</caption>
        <thead><tr><th>Repository</th><th>Service</th><th>Deploys by</th><th>Imported</th><th>Last synced</th><th>Gaps found</th></tr></thead>
        <tbody>
          {c.repositories.map((r) => (
            <tr key={`${r.fullName}/${r.service}`}>
              <td>{r.fullName}</td><td>{r.service}</td>
              <td>{r.deployWorkflow ? `workflow ${r.deployWorkflow}` : 'Deployments API'}</td>
              <td>{r.imported.toLocaleString('en')}</td>
              <td>{c.credentials ? date(r.lastSyncedAt, tz) : 'no API credentials: webhooks only'}</td><td>{r.gapsFound}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

// Every GitHub connection, a repository's or a whole organisation's, in the same shape: what it covers,
// how it is reconciled, its repositories' sync state and their history imports' progress.
export function GithubConnections({ connections, imports, tz }: { connections: SettingsGithubConnection[]; imports: GithubImports; tz: string }) {
  if (connections.length === 0) return <p className="card empty-state">No GitHub connections yet.</p>
  return (
    <div data-testid="settings-github">
      {connections.map((c) => (
        <section key={c.name} className="card github-connection" data-connection={c.name} aria-label={`GitHub connection ${c.name}`}>
          <h3>{c.name} <span className="muted">({c.team}{c.organisation ? ', organisation' : ''})</span></h3>
          <ConnectionSummary c={c} tz={tz} />
          <RepositoryTable c={c} tz={tz} />
          <h4>History imports</h4>
          <GithubImportProgress initial={imports} connection={c.name} backfillTarget={c.organisation ?? '<owner/repo>'} tz={tz} />
        </section>
      ))}
    </div>
  )
}
