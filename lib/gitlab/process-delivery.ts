import { ZodError } from 'zod'
import { finishDelivery, getDelivery } from '@/lib/queries/webhook-deliveries'
import { getGitlabConnection, getGitlabProject } from '@/lib/queries/gitlab-connections'
import { projectOf } from '@/lib/gitlab/event-schemas'
import { mapGitlabEvent } from '@/lib/gitlab/map-events'
import { applyGithubAction } from '@/lib/github/apply-action'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import { ignoreRefusal, type ProcessOutcome } from '@/lib/github/process-delivery'
import type { Caller } from '@/lib/auth/resolve-caller'

// The worker's job for one stored GitLab delivery: map it, write it through the same ingest paths as
// the API and GitHub (idempotent by GitLab's ids), record the outcome. A thrown error is retried.
export async function processGitlabDelivery(deliveryId: string): Promise<ProcessOutcome> {
  const d = await getDelivery(deliveryId)
  if (!d || d.provider !== 'gitlab' || d.gitlabConnectionId === null) return { state: 'skipped', note: 'no such GitLab delivery' }
  if (d.state !== 'pending') return { state: 'skipped', note: `already ${d.state}` }
  const outcome = await handle(d.gitlabConnectionId, d.event, d.deliveryId, JSON.parse(d.rawBody) as unknown).catch(ignoreRefusal)
  await finishDelivery(deliveryId, outcome.state, outcome.note)
  return outcome
}

async function handle(connectionId: number, event: string, deliveryId: string, payload: unknown): Promise<{ state: 'processed' | 'ignored'; note: string | null }> {
  const connection = await getGitlabConnection({ id: connectionId })
  if (!connection) return { state: 'ignored', note: 'the connection was removed' }
  const p = projectOf.safeParse(payload)
  if (!p.success) return { state: 'ignored', note: `${event}: no project in the payload` }
  const project = await getGitlabProject(connectionId, p.data.project.path_with_namespace)
  if (!project) return { state: 'ignored', note: `${p.data.project.path_with_namespace} is not mapped to a service` }
  let action
  try {
    action = mapGitlabEvent(event, payload, project)
  } catch (err) {
    // a payload without the fields Plimsoll reads will not improve with retries
    if (err instanceof ZodError) return { state: 'ignored', note: `${event}: ${err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }
    throw err
  }
  if (action.kind === 'ignored') return { state: 'ignored', note: action.reason }
  const caller: Caller = { tokenId: null, teamId: connection.teamId, teamSlug: connection.teamSlug }
  const request = { raw: JSON.stringify({ webhookDelivery: deliveryId }), receivedAt: new Date(), kind: `gitlab:${event}` }
  if (action.kind === 'incident') {
    const { outcome } = await ingestIncident(caller, action.body, request, 'gitlab')
    return { state: 'processed', note: `incident ${action.body.id} ${outcome}` }
  }
  const service = { serviceId: project.serviceId, serviceSlug: project.serviceSlug, deployWorkflow: null, pathPrefixes: [] }
  return { state: 'processed', note: (await applyGithubAction(action, caller, request, service)).note }
}
