import type { Metadata } from 'next'
import { ScoreTrendChart } from '@/components/compliance/compliance-charts'
import { GradeBadge, formatScore } from '@/components/compliance/grade-badge'
import { Sparkline } from '@/components/charts/sparkline'
import { formatDuration, formatPercent } from '@/lib/format/format-metric'
import { getComplianceOverview } from '@/lib/compliance/compliance-overview'
import { slugSchema } from '@/lib/validation/common'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'
import { getRunningInProduction } from '@/lib/compliance/get-running-in-production'
import { RunningImagesTable } from '@/components/compliance/running-images'

export const metadata: Metadata = { title: 'Compliance' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

// Compliance: the organisation's (or one team's) score trend and every scanned service's current score,
// of the teams the reader may read (another team named in the URL shows nothing, like an unknown one).
export default async function CompliancePage({ searchParams }: Props) {
  const raw = await searchParams
  const team = slugSchema.safeParse(raw.team).data ?? null
  const now = new Date()
  const readable = await pageReadableTeams()
  const [o, running] = await Promise.all([getComplianceOverview({ team, readable }, now), getRunningInProduction({ team, readable })])
  const shared = sharedSlugs(o.services)
  return (
    <>
      <h1>Compliance{team ? <span className="muted"> · team {team}</span> : null}</h1>
      <p className="muted">
        S = the geometric mean of the components a service has: C the configuration pass rate (OpenSCAP), V the vulnerability
        exposure (Trivy, Grype, SARIF), P the workload posture (Trivy misconfigurations, kube-bench, Kubescape, Checkov, KICS). Definitions:{' '}
        <a href="/docs/api">API</a> · docs/compliance.md · <a href="/metrics/compliance">as a metric over a range</a>
        {team ? <> · <a href="/compliance">all teams</a></> : null}
      </p>
      {o.services.length === 0 ? (
        <p className="card empty-state">No scans yet. Upload OpenSCAP, Trivy, Grype or SARIF results to <code>POST /api/v1/scans?service=&lt;slug&gt;</code>.</p>
      ) : (
        <>
          <div className="cards metric-cards">
            <section className="card metric-card" data-testid="compliance-org-score">
              <header><h3>Compliance score (median)</h3></header>
              <div className="value">{formatScore(o.orgScore)}</div>
              <footer className="muted">{o.services.length} service{o.services.length === 1 ? '' : 's'} scanned</footer>
            </section>
            <section className="card metric-card">
              <header><h3>Services at grade A or B</h3></header>
              <div className="value">{formatPercent(o.gradeAorB, 0)}</div>
              <footer className="muted">{o.broken} broken scan{o.broken === 1 ? '' : 's'}</footer>
            </section>
          </div>
          <div className="charts">
            <ScoreTrendChart data={o.trend} teams={o.teams} />
          </div>
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="compliance-services">
              <thead>
                <tr><th scope="col">Service</th><th scope="col">Team</th><th scope="col">Score S</th><th scope="col">Grade</th><th scope="col">Trend</th><th scope="col">Last scan</th></tr>
              </thead>
              <tbody>
                {o.services.map((s) => (
                  <tr key={`${s.team}/${s.slug}`}>
                    <td><a href={serviceHref(s, shared, '/compliance')}>{s.name}</a></td>
                    <td><a href={`/compliance?team=${s.team}`}>{s.team}</a></td>
                    <td data-testid={`score-${s.slug}`}>{formatScore(s.current.s)}</td>
                    <td><GradeBadge grade={s.current.grade} broken={s.current.broken} /></td>
                    <td style={{ minWidth: 120 }}><Sparkline label={`${s.name} compliance score`} values={s.daily.slice(-30).map((d) => d.s)} /></td>
                    <td title={s.lastScanAt.toISOString()}>{formatDuration((now.getTime() - s.lastScanAt.getTime()) / 1000)} ago</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2 id="running-in-production">Vulnerable images running in production now</h2>
      <p className="muted">
        Per service, the image its latest successful production deployment runs (the digest in the deployment&apos;s version)
        and the open findings of that image&apos;s latest scan.
      </p>
      <RunningImagesTable running={running} shared={sharedSlugs(running.images.map((i) => ({ slug: i.service, name: i.service, team: i.team })))} />
    </>
  )
}
