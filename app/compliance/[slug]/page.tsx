import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { readableTeamIds } from '@/lib/auth/access'
import { requirePageUser } from '@/lib/auth/page-user'
import { RemediationChart, ScoreHistoryChart } from '@/components/compliance/compliance-charts'
import { GradeBadge, formatScore } from '@/components/compliance/grade-badge'
import { listServicesBySlug } from '@/lib/queries/get-service-by-slug'
import { pickService } from '@/lib/dashboard/service-ref'
import { ServiceChooser } from '@/components/metrics/service-chooser'
import { listScanPoints } from '@/lib/queries/compliance/list-scan-points'
import { getLatestConfigScan, listFailingRules, listOpenFindings, listRemediations } from '@/lib/queries/compliance/get-service-compliance'
import { listRecentScans } from '@/lib/queries/compliance/list-scan-deployments'
import { median, serviceTimeline } from '@/lib/compliance/score-history'
import { describeCoverage } from '@/lib/compliance/compliance-score'
import { getLatestPostureScan } from '@/lib/queries/compliance/get-posture-matrix'
import { matrixView } from '@/lib/compliance/posture-view'
import { listErrata } from '@/lib/queries/compliance/list-errata'
import { listImageFindings, listProductionImages } from '@/lib/queries/compliance/list-production-images'
import { FindingsTable } from '@/components/compliance/findings-table'
import { shortDigest as short } from '@/components/compliance/running-images'
import { summarizeErrata } from '@/lib/compliance/errata-latency'
import { formatDuration } from '@/lib/format/format-metric'
import { formatDate, formatDateTime } from '@/lib/format/format-time'
import { pageTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }
const DAY_MS = 86_400_000

// the slug, not a name read from the database: a title must not tell whether a hidden one exists
export const generateMetadata = async ({ params }: Pick<Props, 'params'>): Promise<Metadata> => ({ title: `Compliance of ${(await params).slug}` })

// One service: score history, the controls matrix of the latest posture scan, failing rules of the latest
// configuration scan, open vulnerabilities, time to remediate.
// /compliance/<slug>[?team=<team>]: slugs are unique per team, so the team is named when several have the slug.
export default async function ServiceCompliancePage({ params, searchParams }: Props) {
  const [{ slug }, sp] = await Promise.all([params, searchParams])
  const { team } = sp
  // scan times and days in the reader's zone (the URL's tz, else the browser's)
  const tz = await pageTimeZone(sp)
  const day = (d: Date) => formatDate(d, tz)
  const user = await requirePageUser()
  // another team's service, for a team-only reader, is answered like a missing one
  const picked = pickService(await listServicesBySlug(slug, readableTeamIds(user)), slug, typeof team === 'string' ? team : undefined)
  if (!picked) notFound()
  if (Array.isArray(picked)) return <ServiceChooser slug={slug} services={picked} path="/compliance" />
  const service = picked
  const [scans, config, findings, fixed, recent, posture] = await Promise.all([
    listScanPoints([service.id]), getLatestConfigScan(service.id), listOpenFindings(service.id), listRemediations(service.id), listRecentScans(service.id),
    getLatestPostureScan(service.id),
  ])
  const [errataRows, [running]] = await Promise.all([listErrata(service.id), listProductionImages([service.id])])
  const runningFindings = running?.scannedAt ? await listImageFindings(service.id, running.digest) : []
  const errata = summarizeErrata(errataRows, new Date())
  const matrix = matrixView(posture?.cells ?? [])
  const timeline = serviceTimeline(scans)
  const current = timeline[timeline.length - 1]
  const rules = config ? await listFailingRules(config.id) : []
  const history = timeline.map((p) => ({
    at: formatDateTime(p.at, tz), s: p.s, c: p.c, v: p.v,
    deploy: p.marker === 'deploy' ? p.s : null, rescan: p.marker === 'rescan' ? p.s : null,
  }))
  const remediation = [...fixed].reverse().map((f) => ({ label: f.vulnerabilityId, severity: f.severity, days: (f.fixedAt.getTime() - f.firstSeenAt.getTime()) / DAY_MS }))
  const medianDays = median(remediation.map((r) => r.days))
  return (
    <>
      <h1>{service.slug} <span className="muted">· compliance · team {service.team}</span></h1>
      <ZoneGuessed tz={tz} fromUrl={tz === sp.tz} />
      {!current ? <p className="card empty-state">No scans of this service yet.</p> : (
        <>
          <div className="cards metric-cards">
            <section className="card metric-card" data-testid="service-score">
              <header><h3>Compliance score S</h3><GradeBadge grade={current.grade} broken={current.broken} /></header>
              <div className="value">{formatScore(current.s)}</div>
              <footer className="muted">
                C {formatScore(current.c)} · V {formatScore(current.v)} · P {formatScore(current.p)} · formula {current.formulaVersion}
                <br /><span data-testid="score-coverage">{describeCoverage(current.coverage)}</span>
              </footer>
            </section>
            {config && (
              <section className="card metric-card">
                <header><h3>oscap default score</h3></header>
                <div className="value">{formatScore(config.xccdfScores?.default?.score, config.xccdfScores?.default?.maximum)}</div>
                <footer className="muted">{config.profileId?.replace(/^.*_profile_/, 'profile ')} · content {config.contentVersion}{config.scoreMismatch ? ' · differs from the file\'s <score>' : ''}</footer>
              </section>
            )}
            <section className="card metric-card">
              <header><h3>Time to remediate (median)</h3></header>
              <div className="value">{medianDays === null ? '–' : `${medianDays.toFixed(1)} d`}</div>
              <footer className="muted">{remediation.length} critical/high finding{remediation.length === 1 ? '' : 's'} fixed</footer>
            </section>
          </div>
          {config?.broken && <p className="card error-state" role="alert">Latest configuration scan is broken: {config.brokenReason}</p>}
          <div className="charts">
            <ScoreHistoryChart data={history} />
            {remediation.length > 0 && <RemediationChart data={remediation} />}
          </div>
          <h2 id="latest-scans">Latest scans <span className="muted">(and the deployments of their image or commit)</span></h2>
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="recent-scans">
              <thead><tr><th scope="col">Scanned ({tz})</th><th scope="col">Kind</th><th scope="col">Environment</th><th scope="col">Host or cluster</th><th scope="col">Image digest</th><th scope="col">Commit</th><th scope="col">Deployments</th></tr></thead>
              <tbody>
                {recent.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.scannedAt, tz)}</td><td>{r.kind}</td><td>{r.environment ?? 'any'}</td><td>{r.target ?? '–'}</td>
                    <td title={r.imageDigest ?? undefined}>{r.imageDigest ? short(r.imageDigest) : '–'}</td><td>{r.commitSha ? r.commitSha.slice(0, 12) : '–'}</td>
                    <td>{r.deployments.length === 0 ? (r.imageDigest || r.commitSha ? 'none reported' : '–') : r.deployments.map((d) => (
                      `${d.externalId} → ${d.environment}${d.finishedAt ? ` ${day(d.finishedAt)}` : ''} (by ${d.matchedBy})`
                    )).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 id="running-image">Running in production now</h2>
          <p data-testid="production-image" className="muted">
            {!running ? 'No production deployment names an image digest.'
              : !running.scannedAt ? `${short(running.digest)} (deployed ${day(running.deployedAt)}), never scanned: unknown, not clean.`
                : `${short(running.digest)} (deployed ${day(running.deployedAt)}): ${running.open} open finding${running.open === 1 ? '' : 's'} `
                  + `(${running.critical} critical, ${running.high} high, ${running.medium} medium, ${running.low} low, ${running.other} other; ${running.fixable} fixable) `
                  + `in its scan of ${day(running.scannedAt)}.`}
          </p>
          {runningFindings.length > 0 && (
            <details open={runningFindings.length <= 20}>
              <summary>The {runningFindings.length} finding{runningFindings.length === 1 ? '' : 's'} of that image</summary>
              <FindingsTable findings={runningFindings} testId="running-image-findings" />
            </details>
          )}
          <h2>Security errata latency <span className="muted">(fix available → first production deployment without it)</span></h2>
          {errata.bySeverity.length === 0 ? <p className="muted">No data: no fixable finding in a production image.</p> : (
            <div className="table-scroll" tabIndex={0}>
              <table data-testid="errata-latency">
                <thead><tr><th scope="col">Severity</th><th scope="col">Remediated</th><th scope="col">Median</th><th scope="col">p90</th></tr></thead>
                <tbody>
                  {errata.bySeverity.map((r) => (
                    <tr key={r.severity}>
                      <td>{r.severity}</td><td>{r.remediated}</td>
                      <td>{r.medianSeconds === null ? 'no data' : formatDuration(r.medianSeconds)}</td><td>{r.p90Seconds === null ? 'no data' : formatDuration(r.p90Seconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="muted" data-testid="errata-open">
            Fixable critical and high findings open in production: {errata.openCriticalHigh.over7Days} over 7 days, {errata.openCriticalHigh.over30Days} over 30 days.
          </p>
          <h2>Workload controls {posture ? <span className="muted">({posture.scan.format} scan of {day(posture.scan.scannedAt)}{posture.scan.target ? `, ${posture.scan.target}` : ''})</span> : null}</h2>
          {posture?.scan.broken && <p className="card error-state" role="alert">Latest posture scan is broken: {posture.scan.brokenReason}</p>}
          {matrix.workloads.length === 0 ? <p className="muted">{posture ? 'No workload was checked.' : 'No posture scan yet (Trivy config or k8s, kube-bench, Kubescape, Checkov, KICS).'}</p> : (
            <div className="table-scroll" tabIndex={0}>
              <table data-testid="controls-matrix">
                <thead><tr><th scope="col">Workload</th>{matrix.controls.map((c) => <th scope="col" key={c.id} title={`severity ${c.severity}`}>{c.title}</th>)}</tr></thead>
                <tbody>
                  {matrix.workloads.map((w) => (
                    <tr key={w.workload}>
                      <th scope="row">{w.workload}</th>
                      {matrix.controls.map((c) => (
                        <td key={c.id} title={w.failing[c.id]?.join(', ')}>{w.controls[c.id] === 'not_checked' ? 'not checked' : w.controls[c.id]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Failing rules {config ? <span className="muted">(scan of {day(config.scannedAt)})</span> : null}</h2>
          {rules.length === 0 ? <p className="muted">{config ? 'None.' : 'No configuration scan yet.'}</p> : (
            <div className="table-scroll" tabIndex={0}>
              <table data-testid="failing-rules">
                <thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Result</th><th scope="col">CCE</th></tr></thead>
                <tbody>
                  {rules.map((r) => (
                    <tr key={r.ruleId}><td>{r.severity}</td><td title={r.ruleId}>{r.title}</td><td>{r.result}</td><td>{r.idents.join(', ') || '–'}</td></tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Open vulnerabilities <span className="muted">({findings.length}, fixable first)</span></h2>
          {findings.length === 0 ? <p className="muted">None.</p> : (
            <FindingsTable findings={findings} testId="open-vulnerabilities" />
          )}
        </>
      )}
    </>
  )
}
