import { listServiceSummaries } from '@/lib/queries/get-overview'

export const dynamic = 'force-dynamic'

export default async function OverviewPage() {
  const services = await listServiceSummaries(new Date())
  const total = services.reduce((n, s) => n + s.deployments30d, 0)
  const failures = services.reduce((n, s) => n + s.failures30d, 0)
  return (
    <>
      <h1>Overview</h1>
      <div className="cards">
        <div className="card"><div className="muted">Services</div><div className="value" data-testid="service-count">{services.length}</div></div>
        <div className="card"><div className="muted">Production deployments, last 30 days</div><div className="value" data-testid="deployment-count">{total}</div></div>
        <div className="card"><div className="muted">Failed deployments, last 30 days</div><div className="value">{failures}</div></div>
      </div>
      <h2>Services</h2>
      {services.length === 0 ? (
        <p className="muted">No services yet. Post a deployment to <code>/api/v1/deployments</code> to create one.</p>
      ) : (
        <table>
          <thead>
            <tr><th>Service</th><th>Team</th><th>Deployments (30 d)</th><th>Failed</th><th>Last production deploy</th><th>Open incidents</th></tr>
          </thead>
          <tbody>
            {services.map((s) => (
              <tr key={s.slug}>
                <td>{s.name}</td>
                <td>{s.team}</td>
                <td>{s.deployments30d}</td>
                <td>{s.failures30d}</td>
                <td>{s.lastDeployedAt ? s.lastDeployedAt.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—'}</td>
                <td>{s.openIncidents}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}
