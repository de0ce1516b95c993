import { Sparkline } from '@/components/charts/sparkline'
import { formatDuration, formatFrequency, formatPercent } from '@/lib/format/format-metric'
import type { ServiceTableRow } from '@/lib/dashboard/services-table'
import { overviewHref } from '@/lib/dashboard/overview-params'
import { serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'
import type { Level } from '@/lib/metrics/benchmarks'

export const serviceColumns = ['service', 'team', 'frequency', 'leadTime', 'changeFailureRate', 'timeToRestore', 'availability'] as const
export type ServiceColumn = (typeof serviceColumns)[number]
const headings: Record<ServiceColumn, string> = {
  service: 'Service', team: 'Team', frequency: 'Deployment frequency', leadTime: 'Lead time', changeFailureRate: 'Change failure rate',
  timeToRestore: 'Time to restore', availability: 'Availability',
}

type Sorting = { column: ServiceColumn; desc: boolean; href: (c: ServiceColumn) => string }

// A value with its level, "not enough data" when the sample is below the minimum, "no data" without a value.
function Levelled({ text, level }: { text: string | null; level: Level | null }) {
  if (text === null) return <span className="muted">no data</span>
  return <>{text} {level ? <span className={`badge level-${level}`}>{level}</span> : <span className="not-enough">not enough data</span>}</>
}

function Slo({ r }: { r: ServiceTableRow }) {
  if (!r.slo) return <span className="muted">no data</span>
  const left = r.slo.budget.remainingMinutes
  return <span className={left < 0 ? 'status-failure' : undefined} title={r.slo.description}>{left < 0 ? 'budget spent' : `${formatPercent(r.slo.budget.remainingRatio, 0)} budget left`} · {r.slo.target}%</span>
}

// The services of a scope over the filter bar's window (/services, the overview): DORA headlines and
// levels, availability, SLO and compliance; missing data is "no data", never 0 % or 100 %.
// query: the view's parameters a service's or team's link keeps (range, zone).
export function ServicesTable({ rows, query, sorting, csvHref }: { rows: ServiceTableRow[]; query: Record<string, string | undefined>; sorting?: Sorting; csvHref: string }) {
  const v = (r: ServiceTableRow) => r.values
  // slugs are unique per team: a link names the team when the reader sees two services of one slug
  const shared = sharedSlugs(rows)
  return (
    <>
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="services">
          <thead>
            <tr>
              {serviceColumns.map((c) => (
                <th key={c} scope="col" aria-sort={sorting?.column === c ? (sorting.desc ? 'descending' : 'ascending') : undefined}>
                  {sorting ? <a href={sorting.href(c)}>{headings[c]}{sorting.column === c ? (sorting.desc ? ' ▼' : ' ▲') : ''}</a> : headings[c]}
                </th>
              ))}
              <th scope="col">SLO now</th>
              <th scope="col">Compliance</th>
              <th scope="col">Deployments per week</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.team}/${r.slug}`} data-service={r.slug}>
                <td><a href={serviceHref(r, shared, '/services', query)}>{r.name}</a></td>
                <td><a href={overviewHref(query, `/teams/${r.team}`)}>{r.team}</a></td>
                <td><Levelled text={r.finished === 0 && v(r).frequency === 0 ? null : formatFrequency(v(r).frequency)} level={r.levels.deploymentFrequency} /></td>
                <td><Levelled text={v(r).leadTime === null ? null : formatDuration(v(r).leadTime)} level={r.levels.leadTime} /></td>
                <td><Levelled text={v(r).changeFailureRate === null ? null : formatPercent(v(r).changeFailureRate)} level={r.levels.changeFailureRate} /></td>
                <td><Levelled text={v(r).timeToRestore === null ? null : formatDuration(v(r).timeToRestore)} level={r.levels.timeToRestore} /></td>
                <td>{v(r).availability === null ? <span className="muted">no data</span> : formatPercent(v(r).availability, 3)}</td>
                <td><Slo r={r} /></td>
                <td>{r.compliance ? (r.compliance.score === null ? 'no score' : `${r.compliance.score.toFixed(1)} / 100`) : <span className="muted">not scanned</span>}</td>
                <td style={{ minWidth: 120 }}><Sparkline label={`${r.name} deployments per week`} values={r.weekly} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small"><a href={csvHref} download data-testid="services-csv">Download CSV</a></p>
    </>
  )
}
