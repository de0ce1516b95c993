import type { Metadata } from 'next'
import '@/components/availability/availability.css'
import '@/components/settings/settings.css'
import { notFound } from 'next/navigation'
import { canMaintainTeam, canReadTeam } from '@/lib/auth/access'
import { requirePageUser } from '@/lib/auth/page-user'
import { IncidentActions } from '@/components/incidents/incident-actions'
import { listCauseCandidates } from '@/lib/queries/find-deployment-for-incident'
import { getIncidentService } from '@/lib/queries/get-service-by-slug'
import { buildIncidentTimeline } from '@/lib/incidents/timeline'
import { getIncidentTimelineFacts } from '@/lib/queries/incidents/get-incident-timeline'
import { getIncidentsByIds } from '@/lib/queries/list-incidents'
import { formatDateTime } from '@/lib/format/format-time'
import { pageTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

// the slug, not a name read from the database: a title must not tell whether a hidden one exists
export const generateMetadata = async ({ params }: Props): Promise<Metadata> => ({ title: `Incident ${(await params).id}` })

// One incident: its fields and its timeline (linked deployment and why, probe failures, opened,
// resolved, fixing deployment). Admins and the service's team's maintainers resolve, link and mark it.
export default async function IncidentPage({ params, searchParams }: Props) {
  const { id } = await params
  if (!/^\d{1,9}$/.test(id)) notFound()
  const now = new Date()
  const sp = await searchParams
  const tz = await pageTimeZone(sp)
  const when = (d: Date) => formatDateTime(d, tz, true)
  const [[incident], facts, user] = await Promise.all([getIncidentsByIds([Number(id)]), getIncidentTimelineFacts(Number(id), now), requirePageUser()])
  if (!incident || !facts) notFound()
  const service = await getIncidentService(incident.id)
  // another team's incident, for a team-only reader, is answered like a missing one
  if (!service || !canReadTeam(user, service.teamId)) notFound()
  const events = buildIncidentTimeline(facts)
  const canChange = canMaintainTeam(user, service.teamId)
  const candidates = canChange ? await listCauseCandidates(service.id, incident.openedAt) : []
  return (
    <>
      <ZoneGuessed tz={tz} fromUrl={tz === sp.tz} />
      <p className="muted small"><a href="/incidents">Incidents</a> / {incident.externalId}</p>
      <h1>{incident.title}</h1>
      <p className="muted" data-testid="incident-facts">
        {incident.resolvedAt ? <span className="badge status-resolved">resolved</span> : <span className="badge status-open">open</span>}{' '}
        <a href={`/services/${service.slug}?team=${encodeURIComponent(service.team)}`}>{incident.service}</a>
        {incident.environment ? ` · ${incident.environment}` : ' · no environment recorded'} · source {incident.source}
        {incident.severity ? ` · ${incident.severity}` : ''}{incident.outage ? ' · outage (counts as downtime)' : ' · not an outage'}
        {incident.url ? <> · <a href={incident.url}>external link</a></> : null}
      </p>
      <h2>Timeline ({tz})</h2>
      <ol className="timeline" data-testid="timeline">
        {events.map((e, i) => (
          <li key={i} className={`kind-${e.kind}`} data-kind={e.kind}>
            <time dateTime={e.at.toISOString()}>{when(e.at)}</time>
            <strong>{e.title}</strong>
            {e.detail ? <div className="muted small">{e.detail}</div> : null}
          </li>
        ))}
      </ol>
      {!facts.cause ? <p className="muted small">No deployment is linked: the incident names none, and no successful production deployment of the service finished in the {facts.attributionHours} h before it opened.</p> : null}
      {canChange ? (
        <IncidentActions
          incidentId={incident.id} resolved={!!incident.resolvedAt} outage={incident.outage}
          causeId={incident.cause?.deploymentId ?? null} linkedByHand={incident.cause?.linkMethod === 'manual'}
          candidates={candidates.map((c) => ({ id: c.id, label: `${c.externalId}${c.version ? ` (${c.version})` : ''} · ${c.environment} · ${when(c.finishedAt)}` }))}
        />
      ) : null}
    </>
  )
}
