import { headers } from 'next/headers'
import { CopyButton } from '@/components/layout/copy-button'
import { listApiTokens } from '@/lib/queries/create-api-token'
import { listGithubRepositories, listSettings } from '@/lib/queries/list-settings'
import { listGithubImports } from '@/lib/queries/list-github-imports'
import { GithubImportProgress } from '@/components/settings/github-import-progress'
import { pool } from '@/lib/db'

export const dynamic = 'force-dynamic'

const date = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') : '—')

// The address people reach this dashboard at, as their browser sent it (behind a proxy: its headers).
async function publicOrigin(): Promise<string> {
  const h = await headers()
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https')
  return `${proto}://${host}`
}

// Teams, services, API tokens, and how to send a deployment from a pipeline.
export default async function SettingsPage() {
  const [{ teams, services }, tokens, origin, repositories, imports] = await Promise.all([listSettings(), listApiTokens(pool()), publicOrigin(), listGithubRepositories(), listGithubImports()])
  const example = services[0]?.slug ?? 'my-service'
  const curl = [
    `curl -sS -X POST ${origin}/api/v1/deployments \\`,
    `  -H "Authorization: Bearer $PLIMSOLL_TOKEN" -H "Content-Type: application/json" \\`,
    `  -d '{"id": "'"$CI_PIPELINE_ID"'", "service": "${example}", "environment": "production", "status": "success",`,
    `       "sha": "'"$(git rev-parse HEAD)"'",`,
    `       "commits": [{"sha": "'"$(git rev-parse HEAD)"'", "committedAt": "'"$(git log -1 --format=%cI)"'"}]}'`,
  ].join('\n')
  return (
    <>
      <h1>Settings</h1>

      <h2 id="post-a-deployment">Send a deployment</h2>
      <p>From any pipeline step, once the deployment finished, with a token of the service's team in <code>PLIMSOLL_TOKEN</code> (every field: <a href="/docs/api">API reference</a>):</p>
      <pre data-testid="curl-example">{curl}</pre>
      <CopyButton text={curl} label="Copy the command" />

      <h2>Teams</h2>
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="settings-teams">
          <thead><tr><th>Team</th><th>Slug</th><th>Services</th><th>Active tokens</th></tr></thead>
          <tbody>{teams.map((t) => <tr key={t.slug}><td><a href={`/teams/${t.slug}`}>{t.name}</a></td><td>{t.slug}</td><td>{t.services}</td><td>{t.tokens}</td></tr>)}</tbody>
        </table>
      </div>

      <h2>Services</h2>
      {services.length === 0 ? (
        <p className="card empty-state">No services yet: the first deployment sent for a service creates it.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="settings-services">
            <thead><tr><th>Service</th><th>Team</th><th>Repository</th><th>Path prefixes</th><th>Incident attribution</th><th>SLO</th><th>Deployments</th></tr></thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.slug}>
                  <td><a href={`/services/${s.slug}`}>{s.name}</a></td><td>{s.team}</td>
                  <td>{s.repositoryUrl ?? '—'}</td><td>{s.pathPrefixes.length ? s.pathPrefixes.join(', ') : 'whole repository'}</td>
                  <td>{s.incidentAttributionHours} h</td><td>{s.sloTarget}%</td><td>{s.deployments.toLocaleString('en')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>GitHub</h2>
      <p className="muted">
        Connections and repositories are added with <code>npm run github -- connect</code> and <code>map</code> (see
        docs/github.md); webhooks go to <code>{origin}/api/webhooks/github</code>.
      </p>
      {repositories.length === 0 ? (
        <p className="card empty-state">No GitHub repositories connected yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="settings-github">
            <thead><tr><th>Repository</th><th>Connection</th><th>Service</th><th>Deploys by</th><th>Webhook deliveries</th><th>Imported</th><th>Last reconciled</th><th>Gaps found</th></tr></thead>
            <tbody>
              {repositories.map((r) => (
                <tr key={`${r.connection}/${r.fullName}`}>
                  <td>{r.fullName}</td><td>{r.connection} <span className="muted">({r.team})</span></td><td>{r.service}</td>
                  <td>{r.deployWorkflow ? `workflow ${r.deployWorkflow}` : 'Deployments API'}</td>
                  <td>{r.deliveries}{r.failedDeliveries ? <span className="status-failure"> · {r.failedDeliveries} failed</span> : ''}</td>
                  <td>{r.imported}</td>
                  <td>{r.reconciles ? date(r.lastSyncedAt) : 'no API credentials: webhooks only'}</td><td>{r.gapsFound}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>History imports</h3>
      <GithubImportProgress initial={{ imports, asOf: new Date() }} />

      <h2>API tokens</h2>
      <p className="muted">
        Tokens are created and revoked with <code>npm run token -- create --team &lt;slug&gt;</code> and{' '}
        <code>npm run token -- revoke &lt;id&gt;</code> on the server: this page is open to anyone who can reach the
        dashboard, so it does not mint credentials until sign-in and roles exist.
      </p>
      {tokens.length === 0 ? (
        <p className="card empty-state">No tokens yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="settings-tokens">
            <thead><tr><th>Id</th><th>Team</th><th>Name</th><th>Starts with</th><th>Created (UTC)</th><th>Last used</th><th>State</th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.id}</td><td>{t.team}</td><td>{t.name}</td><td><code>{t.prefix}…</code></td>
                  <td>{date(t.createdAt)}</td><td>{date(t.lastUsedAt)}</td><td>{t.revokedAt ? `revoked ${date(t.revokedAt)}` : 'active'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
