import type { Metadata } from 'next'
import { Sparkline } from '@/components/charts/sparkline'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { benchmarks, type Level } from '@/lib/metrics/benchmarks'
import { serviceLevels } from '@/lib/metrics/minimum-sample'
import { ratio } from '@/lib/metrics/compare'
import { formatDuration, formatFrequency, formatPercent } from '@/lib/format/format-metric'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { overviewHref, parseOverviewParams } from '@/lib/dashboard/overview-params'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listScopeEnvironments, listTeamServices } from '@/lib/queries/metrics/resolve-metric-scope'
import { summarizeServices } from '@/lib/queries/metrics/per-service-summary'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'

export const metadata: Metadata = { title: 'Services' }

export const dynamic = 'force-dynamic'

const columns = ['service', 'team', 'frequency', 'leadTime', 'changeFailureRate', 'timeToRestore'] as const
type Column = (typeof columns)[number]
const headings: Record<Column, string> = { service: 'Service', team: 'Team', frequency: 'Deployment frequency', leadTime: 'Lead time', changeFailureRate: 'Change failure rate', timeToRestore: 'Time to restore' }

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function ServicesPage({ searchParams }: Props) {
  const raw = await searchParams
  const sort = (columns as readonly string[]).includes(String(raw.sort)) ? (raw.sort as Column) : 'service'
  const desc = raw.dir === 'desc'
  const now = new Date()
  const parsed = parseOverviewParams({ ...raw, sort: undefined, dir: undefined }, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title="Services" errors={parsed.errors} reset="/services" />
  const p = parsed.params
  const readable = await pageReadableTeams()
  const [options, services, environments] = await Promise.all([listFilterOptions(readable), listTeamServices(null, undefined, readable), listScopeEnvironments(p.environment)])
  const summaries = await summarizeServices({ serviceIds: services.map((s) => s.id), environmentIds: environments.map((e) => e.id), ...p.window, tz: p.tz, granularity: p.granularity, strategies: p.strategy })
  const bench = benchmarks['dora-2023']
  const days = (p.window.to.getTime() - p.window.from.getTime()) / 86_400_000
  const rows = services.map((s) => {
    const m = summaries.find((x) => x.serviceId === s.id)!
    const values = { frequency: m.deployments / days, leadTime: m.leadTimeMedian, changeFailureRate: ratio(m.failures, m.finished), timeToRestore: m.restoreMedian }
    const levels = serviceLevels(bench, m, values.frequency, values.changeFailureRate)
    return { slug: s.slug, name: s.name, team: s.team, weekly: m.weekly, values, levels }
  })
  const key = (r: (typeof rows)[number]): string | number => (sort === 'service' ? r.name : sort === 'team' ? r.team : (r.values[sort] ?? (desc ? -Infinity : Infinity)))
  rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1))
  const sortHref = (c: Column) => overviewHref({ range: p.range, tz: p.tz, environment: p.environment, sort: c, dir: sort === c && !desc ? 'desc' : undefined }, '/services')
  const badge = (level: Level | null) => (level ? <span className={`badge level-${level}`}>{level}</span> : null)
  return (
    <>
      <h1>Services</h1>
      <p className="muted">{p.window.from.toISOString().slice(0, 10)} to {new Date(p.window.to.getTime() - 1).toISOString().slice(0, 10)} · production · levels: {bench.title} · <a href="/services?range=7d">7 d</a> · <a href="/services?range=30d">30 d</a> · <a href="/services?range=90d">90 d</a></p>
      {rows.length === 0 ? <p className="card empty-state">No services yet.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="services">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col" aria-sort={sort === c ? (desc ? 'descending' : 'ascending') : undefined}>
                    <a href={sortHref(c)}>{headings[c]}{sort === c ? (desc ? ' ▼' : ' ▲') : ''}</a>
                  </th>
                ))}
                <th scope="col">Deployments per week</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.team}/${r.slug}`}>
                  <td><a href={serviceHref(r, sharedSlugs(rows), '/services', { range: p.range, tz: p.tz })}>{r.name}</a></td>
                  <td><a href={`/teams/${options.teams.find((t) => t.slug === r.team)?.slug ?? ''}`}>{r.team}</a></td>
                  <td>{formatFrequency(r.values.frequency)} {badge(r.levels.deploymentFrequency)}</td>
                  <td>{formatDuration(r.values.leadTime)} {badge(r.levels.leadTime)}</td>
                  <td>{formatPercent(r.values.changeFailureRate)} {badge(r.levels.changeFailureRate)}</td>
                  <td>{formatDuration(r.values.timeToRestore)} {badge(r.levels.timeToRestore)}</td>
                  <td style={{ minWidth: 120 }}><Sparkline label={`${r.name} deployments per week`} values={r.weekly} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
