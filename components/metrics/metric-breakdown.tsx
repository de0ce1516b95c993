import { formatCount, formatValue } from '@/lib/format/format-metric'
import type { BreakdownRow, MetricBreakdown } from '@/lib/dashboard/metric-breakdown'
import { overviewHref } from '@/lib/dashboard/overview-params'

type Unit = 'per_day' | 'seconds' | 'ratio'

// Where the number comes from: the metric by team and by service, worst first, each with its n and level
// (none below the minimum sample: "not enough data", as on the cards). A row opens the page for that part.
export function MetricBreakdownTables({ metric, unit, breakdown, filters, sampleLabel }: {
  metric: string; unit: Unit; breakdown: MetricBreakdown; filters: Record<string, string | undefined>; sampleLabel: string
}) {
  const path = `/metrics/${metric}`
  return (
    <div className="breakdown">
      <BreakdownTable caption="By team" testId="breakdown-team" rows={breakdown.byTeam} metric={metric} unit={unit} sampleLabel={sampleLabel}
        href={(slug) => overviewHref({ ...filters, team: slug, service: undefined }, path)} />
      <BreakdownTable caption="By service" testId="breakdown-service" rows={breakdown.byService} metric={metric} unit={unit} sampleLabel={sampleLabel}
        href={(slug) => overviewHref({ ...filters, service: slug }, path)} />
    </div>
  )
}

function BreakdownTable({ caption, testId, rows, metric, unit, sampleLabel, href }: {
  caption: string; testId: string; rows: BreakdownRow[]; metric: string; unit: Unit; sampleLabel: string; href: (slug: string) => string
}) {
  return (
    <section className="card breakdown-card">
      <h3>{caption}</h3>
      {rows.length === 0 ? <p className="muted">Nothing in scope.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid={testId}>
            <thead><tr><th scope="col">{caption.replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</th><th scope="col">Value</th><th scope="col">{sampleLabel}</th><th scope="col">Level</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.slug} data-slug={r.slug}>
                  <td><a href={href(r.slug)}>{r.name}</a></td>
                  <td className={r.value === null ? 'muted' : undefined}>{r.value === null ? 'no data' : formatValue(r.value, unit, metric)}</td>
                  <td>{formatCount(r.n)}</td>
                  <td>{r.level ? <span className={`badge level-${r.level}`}>{r.level}</span>
                    : r.levelReason?.startsWith('not enough data') ? <span className="not-enough" title={r.levelReason}>not enough data</span>
                    : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
