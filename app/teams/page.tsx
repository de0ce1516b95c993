import type { Metadata } from 'next'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import { formatWindow } from '@/lib/format/format-time'
import { benchmarks } from '@/lib/metrics/benchmarks'
import { Suspense } from 'react'
import { FilterBar } from '@/components/metrics/filter-bar'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { ScorecardGrid } from '@/components/metrics/scorecard-grid'
import { filterQuery, overviewHref, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'
import { teamScorecard } from '@/lib/dashboard/scorecard'
import { listFilterOptions, type FilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { browserTimeZone } from '@/lib/time/browser-time-zone'

export const metadata: Metadata = { title: 'Teams' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }

// "Where is the problem": every team the reader may read against every metric, worst first, under the
// organisation's row, over the filter bar's range.
export default async function TeamsPage({ searchParams }: Props) {
  const now = new Date()
  const parsed = parseOverviewParams(await searchParams, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title="Teams" errors={parsed.errors} reset="/teams" />
  const p = parsed.params
  const options = await listFilterOptions(await pageReadableTeams())
  return (
    <>
      <h1>Teams</h1>
      <ZoneGuessed tz={p.tz} fromUrl={p.tz !== p.defaults.tz} />
      <FilterBar params={p} options={options} action="/teams" />
      <p className="muted scope-line" data-testid="scope">
        {formatWindow(p.window, p.tz)} ({p.tz}) ·{' '}
        {p.environment ?? 'production'} · levels: {benchmarks[p.benchmark].title} · worst first
      </p>
      {options.teams.length === 0 ? <p className="card empty-state">No teams yet.</p> : (
        <Suspense fallback={<p className="card muted">Loading the teams…</p>}>
          <TeamsGrid p={p} options={options} now={now} />
        </Suspense>
      )}
    </>
  )
}

async function TeamsGrid({ p, options, now }: { p: OverviewParams; options: FilterOptions; now: Date }) {
  const { total, rows } = await teamScorecard(p, options, now)
  const csv = overviewHref({ ...filterQuery({ ...p, team: undefined, service: undefined }), tz: p.tz, format: 'csv' }, '/api/dashboard/scorecard')
  return <ScorecardGrid total={total} rows={rows} label="Team" csvHref={csv} />
}
