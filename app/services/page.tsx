import type { Metadata } from 'next'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import { formatWindow } from '@/lib/format/format-time'
import { benchmarks } from '@/lib/metrics/benchmarks'
import { FilterBar } from '@/components/metrics/filter-bar'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ServicesTable, serviceColumns, type ServiceColumn } from '@/components/metrics/services-table'
import { filterQuery, overviewHref, parseOverviewParams } from '@/lib/dashboard/overview-params'
import { getServicesTable, type ServiceTableRow } from '@/lib/dashboard/services-table'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'

export const metadata: Metadata = { title: 'Services' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

const sortKey = (r: ServiceTableRow, c: ServiceColumn, desc: boolean): string | number =>
  c === 'service' ? r.name : c === 'team' ? r.team : (r.values[c] ?? (desc ? -Infinity : Infinity))

export default async function ServicesPage({ searchParams }: Props) {
  const raw = await searchParams
  const sort = (serviceColumns as readonly string[]).includes(String(raw.sort)) ? (raw.sort as ServiceColumn) : 'service'
  const desc = raw.dir === 'desc'
  const now = new Date()
  const parsed = parseOverviewParams({ ...raw, sort: undefined, dir: undefined }, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title="Services" errors={parsed.errors} reset="/services" />
  const p = parsed.params
  const options = await listFilterOptions(await pageReadableTeams())
  const rows = await getServicesTable(p, options, now)
  rows.sort((a, b) => {
    const [x, y] = [sortKey(a, sort, desc), sortKey(b, sort, desc)]
    return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1)
  })
  const filters = filterQuery({ ...p, service: undefined })
  const sortHref = (c: ServiceColumn) => overviewHref({ ...filters, sort: c, dir: sort === c && !desc ? 'desc' : undefined }, '/services')
  const { range, from, to, tz } = filters
  const keep = { range, from, to, tz }
  return (
    <>
      <h1>Services</h1>
      <ZoneGuessed tz={p.tz} fromUrl={p.tz !== p.defaults.tz} />
      <FilterBar params={p} options={options} action="/services" />
      <p className="muted scope-line" data-testid="scope">
        {formatWindow(p.window, p.tz)} ({p.tz}) ·{' '}
        {p.environment ?? 'production'} · levels: {benchmarks[p.benchmark].title} · SLO over each service&apos;s own window, now
      </p>
      {rows.length === 0 ? <p className="card empty-state">No services yet.</p> : (
        <ServicesTable rows={rows} query={keep} sorting={{ column: sort, desc, href: sortHref }}
          csvHref={overviewHref({ ...filters, tz: p.tz, format: 'csv' }, '/api/dashboard/services')} />
      )}
    </>
  )
}
