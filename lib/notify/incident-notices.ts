import type { Tx } from '@/lib/db'
import { formatDuration } from '@/lib/format/format-metric'
import { enqueueNotification } from '@/lib/notify/enqueue'
import { plimsollUrl } from '@/lib/alerts/plimsoll-url'
import { getIncidentTimelineFacts } from '@/lib/queries/incidents/get-incident-timeline'
import { listReceivingChannelIds } from '@/lib/queries/notify/channels'
import { getIncidentForNotice } from '@/lib/queries/notify/incident-for-notice'

export type IncidentBefore = { resolvedAt: Date | null } | null

// Which notice an incident write makes: opened (new and open, or reopened), resolved (it was open, or it was first
// heard of already resolved), or none. Keys make each transition one alert (docs/notifications.md).
type Transition = { kind: 'incident_opened' | 'incident_resolved'; key: string }
export function incidentTransition(id: number, before: IncidentBefore, after: { resolvedAt: Date | null }): Transition | null {
  if (after.resolvedAt === null) {
    if (before === null) return { kind: 'incident_opened', key: `incident:${id}:opened` }
    if (before.resolvedAt !== null) return { kind: 'incident_opened', key: `incident:${id}:reopened:${before.resolvedAt.toISOString()}` }
    return null
  }
  if (before === null || before.resolvedAt === null) return { kind: 'incident_resolved', key: `incident:${id}:resolved:${after.resolvedAt.toISOString()}` }
  return null
}

// Tells the owning team's channels that an incident opened or resolved, with the deployment it is linked to (its
// explicit cause, else the one the metrics attribute it to) and links back to Plimsoll. In the writer's transaction:
// a write that rolls back sends nothing. Called by the probes and the incident sources.
export async function noticeIncidentChange(tx: Tx, incidentId: number, before: IncidentBefore): Promise<void> {
  const incident = await getIncidentForNotice(tx, incidentId)
  if (!incident) return
  const transition = incidentTransition(incidentId, before, incident)
  // most teams have no channel: stop before reading the deployment link
  if (!transition || (await listReceivingChannelIds(incident.teamId, transition.kind, undefined, tx)).length === 0) return
  const facts = await getIncidentTimelineFacts(incidentId, new Date(), tx)
  const cause = facts?.cause ?? null
  const resolved = transition.kind === 'incident_resolved' && incident.resolvedAt
  const reopened = transition.key.includes(':reopened:')
  const opened = incident.openedAt.getTime()
  const deployment = cause ? (cause.version ?? cause.externalId) : null
  const fields = [
    { label: 'Service', value: `${incident.serviceName} (${incident.team})` },
    { label: 'Severity', value: incident.severity ?? 'not given' },
    { label: 'Opened', value: incident.openedAt.toISOString() },
    ...(resolved ? [{ label: 'Resolved', value: `${resolved.toISOString()} (after ${formatDuration((resolved.getTime() - opened) / 1000)})` }] : []),
    { label: 'Source', value: incident.source },
    { label: 'Deployment', value: cause ? `${deployment} (${cause.linkMethod === 'inferred' ? 'the last before it' : 'linked'})` : 'none linked' },
  ]
  const verb = transition.kind === 'incident_opened' ? (reopened ? 'reopened' : 'opened') : 'resolved'
  await enqueueNotification(tx, {
    teamId: incident.teamId, kind: transition.kind, key: transition.key,
    title: `Incident ${verb}: ${incident.title}`.slice(0, 200),
    summary: `${incident.isOutage ? 'Outage of' : 'Incident on'} ${incident.serviceName}${cause ? `, after deployment ${deployment}` : ''}.`,
    severity: transition.kind === 'incident_resolved' ? 'info' : incident.isOutage || incident.severity === 'critical' ? 'critical' : 'warning',
    fields,
    links: [
      { label: 'Incident in Plimsoll', url: plimsollUrl(`/incidents/${incident.id}`) },
      ...(cause ? [{ label: 'Deployment', url: plimsollUrl(`/deployments/${cause.id}`) }] : []),
      ...(incident.url && /^https?:\/\//.test(incident.url) ? [{ label: 'In the incident tool', url: incident.url }] : []),
    ],
  })
}
