import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ScopePage } from '@/components/metrics/scope-page'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ScorecardGrid } from '@/components/metrics/scorecard-grid'
import { filterQuery, overviewHref, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'
import { serviceScorecard } from '@/lib/dashboard/scorecard'
import { listFilterOptions, type FilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'

export const dynamic = 'force-dynamic'

// the slug, not a name read from the database: a title must not tell whether a hidden one exists
export const generateMetadata = async ({ params }: Pick<Props, 'params'>): Promise<Metadata> => ({ title: `Team ${(await params).slug}` })

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export default async function TeamPage({ params, searchParams }: Props) {
  const { slug } = await params
  const now = new Date()
  const parsed = parseOverviewParams({ ...(await searchParams), team: slug }, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title={slug} errors={parsed.errors} reset={`/teams/${slug}`} />
  // another team's, for a team-only reader, is not among the options: a 404 like a missing one
  const options = await listFilterOptions(await pageReadableTeams())
  const team = options.teams.find((t) => t.slug === slug)
  if (!team) notFound()
  return (
    <ScopePage title={`Team ${team.name}`} p={parsed.params} options={options} now={now} path={`/teams/${slug}`}>
      <h2>Services</h2>
      <TeamServices p={parsed.params} team={team} options={options} now={now} />
    </ScopePage>
  )
}

// The team's services in the /teams grid, worst first under the team's own row.
async function TeamServices({ p, team, options, now }: { p: OverviewParams; team: { slug: string; name: string }; options: FilterOptions; now: Date }) {
  const { total, rows } = await serviceScorecard(p, team, options, now)
  const csv = overviewHref({ ...filterQuery({ ...p, service: undefined }), team: team.slug, tz: p.tz, format: 'csv' }, '/api/dashboard/scorecard')
  return <ScorecardGrid total={total} rows={rows} label="Service" csvHref={csv} />
}
