import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import { ScopePage } from '@/components/metrics/scope-page'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ServiceChooser } from '@/components/metrics/service-chooser'
import { parseOverviewParams } from '@/lib/dashboard/overview-params'
import { pickService } from '@/lib/dashboard/service-ref'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { pageReadableTeams } from '@/lib/auth/page-user'

export const dynamic = 'force-dynamic'

// the slug, not a name read from the database: a title must not tell whether a hidden one exists
export const generateMetadata = async ({ params }: Pick<Props, 'params'>): Promise<Metadata> => ({ title: `Service ${(await params).slug}` })

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

// /services/<slug>[?team=<team>]: slugs are unique per team, so the team is named when several have the slug
export default async function ServicePage({ params, searchParams }: Props) {
  const { slug } = await params
  const raw = await searchParams
  const now = new Date()
  const parsed = parseOverviewParams({ ...raw, service: slug }, now, await browserTimeZone())
  if (!parsed.ok) return <InvalidFilters title={slug} errors={parsed.errors} reset={`/services/${slug}`} />
  // another team's, for a team-only reader, is not among the options: a 404 like a missing one
  const options = await listFilterOptions(await pageReadableTeams())
  const service = pickService(options.services, slug, parsed.params.team)
  if (!service) notFound()
  if (Array.isArray(service)) return <ServiceChooser slug={slug} services={service} path="/services" />
  const title = <>{service.name} <span className="muted">· team {service.team}</span></>
  // the team is kept in the filters only where it tells services apart
  const team = options.services.filter((s) => s.slug === slug).length > 1 ? service.team : undefined
  return <ScopePage title={title} p={{ ...parsed.params, team }} options={options} now={now} path={`/services/${slug}`} />
}
