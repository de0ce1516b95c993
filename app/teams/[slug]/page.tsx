import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ScopePage } from '@/components/metrics/scope-page'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { parseOverviewParams } from '@/lib/dashboard/overview-params'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
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
  return <ScopePage title={`Team ${team.name}`} p={parsed.params} options={options} now={now} path={`/teams/${slug}`} />
}
