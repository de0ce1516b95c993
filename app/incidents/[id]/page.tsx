import '@/components/availability/availability.css'
import { notFound } from 'next/navigation'
import { buildIncidentTimeline } from '@/lib/incidents/timeline'
import { getIncidentTimelineFacts } from '@/lib/queries/incidents/get-incident-timeline'
import { getIncidentsByIds } from '@/lib/queries/list-incidents'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ id: string }> }
const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19)

// One incident: its fields and its timeline (linked deployment and why, probe failures, opened,
// resolved, fixing deployment). Editing waits for sign-in and roles (issue 9).
export default async function IncidentPage({ params }: Props) {
  const { id } = await params
  if (!/^\d{1,9}$/.test(id)) notFound()
  const now = new Date()
  const [[incident], facts] = await Promise.all([getIncidentsByIds([Number(id)]), getIncidentTimelineFacts(Number(id), now)])
  if (!incident || !facts) notFound()
  const events = buildIncidentTimeline(facts)
  return (
    <>
      <p className="muted small"><a href="/incidents">Incidents</a> / {incident.externalId}</p>
      <h1>{incident.title}</h1>
      <p className="muted" data-testid="incident-facts">
        {incident.resolvedAt ? <span className="badge status-resolved">resolved</span> : <span className="badge status-open">open</span>}{' '}
        <a href={`/services/${incident.service}`}>{incident.service}</a>
        {incident.environment ? ` · ${incident.environment}` : ' · no environment recorded'} · source {incident.source}
        {incident.severity ? ` · ${incident.severity}` : ''}{incident.outage ? ' · outage (counts as downtime)' : ' · not an outage'}
        {incident.url ? <> · <a href={incident.url}>external link</a></> : null}
      </p>
      <h2>Timeline (UTC)</h2>
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
      <p className="muted small card notice">Resolving, linking to a deployment and marking as an outage by hand wait for sign-in and roles; today they go through <code>POST /api/v1/incidents</code>.</p>
    </>
  )
}
