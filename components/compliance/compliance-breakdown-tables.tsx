import { GradeBadge } from '@/components/compliance/grade-badge'
import type { ServiceRow, TeamRow } from '@/lib/compliance/compliance-breakdown'
import { describeCoverage } from '@/lib/compliance/compliance-score'
import { formatScore } from '@/lib/format/format-metric'
import { overviewHref } from '@/lib/dashboard/overview-params'
import { serviceHref } from '@/lib/dashboard/service-ref'

const PATH = '/metrics/compliance'
const day = (d: Date) => d.toISOString().slice(0, 10)
const kindLabel = { config: 'configuration', vulnerability: 'vulnerabilities', posture: 'posture' } as const

// Where the compliance number comes from: by team (opens this page for the team) and by service, worst
// first, each service with the scans its S is made of; a service links to its compliance page, where
// those scans are listed with their findings, rules and controls.
export function ComplianceBreakdownTables({ breakdown, filters, shared }: {
  breakdown: { byTeam: TeamRow[]; byService: ServiceRow[] }; filters: Record<string, string | undefined>; shared: Set<string>
}) {
  return (
    <div className="breakdown">
      <section className="card breakdown-card">
        <h3>By team</h3>
        {breakdown.byTeam.length === 0 ? <p className="muted">Nothing in scope.</p> : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="breakdown-team">
              <thead><tr><th scope="col">Team</th><th scope="col">S (median)</th><th scope="col">Services scanned</th></tr></thead>
              <tbody>
                {breakdown.byTeam.map((t) => (
                  <tr key={t.slug} data-slug={t.slug}>
                    <td><a href={overviewHref({ ...filters, team: t.slug, service: undefined }, PATH)}>{t.name}</a></td>
                    <td className={t.s === null ? 'muted' : undefined}>{t.s === null ? 'no data' : formatScore(t.s)}</td>
                    <td>{t.scanned} of {t.services}{t.broken > 0 ? ` (${t.broken} broken)` : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card breakdown-card">
        <h3>By service</h3>
        {breakdown.byService.length === 0 ? <p className="muted">Nothing in scope.</p> : (
          <div className="table-scroll" tabIndex={0}>
            <table data-testid="breakdown-service">
              <thead>
                <tr>
                  <th scope="col">Service</th><th scope="col">S</th><th scope="col">Grade</th><th scope="col">C · V · P</th><th scope="col">Scans behind it</th>
                </tr>
              </thead>
              <tbody>
                {breakdown.byService.map((r) => {
                  const href = serviceHref(r, shared, '/compliance')
                  return (
                    <tr key={`${r.team}/${r.slug}`} data-slug={r.slug}>
                      <td><a href={href}>{r.name}</a></td>
                      <td className={r.point?.s == null ? 'muted' : undefined}>
                        {!r.point ? 'no data' : r.point.broken ? 'broken scan' : formatScore(r.point.s)}
                      </td>
                      <td>{r.point ? <GradeBadge grade={r.point.grade} broken={r.point.broken} /> : <span className="muted">—</span>}</td>
                      <td title={r.point ? describeCoverage(r.point.coverage) : undefined}>
                        {r.point
                          ? `${formatScore(r.point.c)} · ${formatScore(r.point.v)} · ${formatScore(r.point.p)}`
                          : <span className="muted">not scanned in this range</span>}
                      </td>
                      <td>
                        {r.scans.length === 0 ? <span className="muted">—</span> : (
                          <a href={`${href}#latest-scans`} data-testid={`scans-${r.slug}`}>
                            {r.scans.map((s) => `${kindLabel[s.kind]} ${day(s.scannedAt)}${s.broken ? ' (broken)' : ''}`).join(', ')}
                          </a>
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}
