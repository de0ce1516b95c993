import { pool, withTransaction } from '@/lib/db'
import { AppError } from '@/lib/http/app-error'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import { upsertChanges } from '@/lib/queries/link-deployment-changes'
import { listUndeployedChangesUpTo } from '@/lib/queries/undeployed-changes'
import { findMappedRepository, getGithubConnection } from '@/lib/queries/github-connections'
import { finishDelivery, getDelivery } from '@/lib/queries/webhook-deliveries'
import { repositoryOf } from '@/lib/github/event-schemas'
import { mapGithubEvent, type GithubAction } from '@/lib/github/map-events'
import type { Caller } from '@/lib/auth/resolve-caller'
import { ZodError } from 'zod'

function safely<T>(fn: () => T): T | ZodError {
  try {
    return fn()
  } catch (err) {
    if (err instanceof ZodError) return err
    throw err
  }
}

export type ProcessOutcome = { state: 'processed' | 'ignored'; note: string | null } | { state: 'skipped'; note: string }

// The worker's job for one stored delivery: map it, write it through the same ingest paths as the API
// (idempotent by GitHub's ids), and record the outcome on the delivery. A thrown error leaves the
// delivery pending for the job's retries; the last one marks it failed (lib/jobs/registry.ts).
export async function processDelivery(deliveryId: string): Promise<ProcessOutcome> {
  const d = await getDelivery(deliveryId)
  if (!d) return { state: 'skipped', note: 'no such delivery' }
  if (d.state !== 'pending') return { state: 'skipped', note: `already ${d.state}` }
  const outcome = await handle(d.deliveryId, d.connectionId, d.event, JSON.parse(d.rawBody) as unknown)
  await finishDelivery(deliveryId, outcome.state, outcome.note)
  return outcome
}

async function handle(deliveryId: string, connectionId: number, event: string, payload: unknown): Promise<{ state: 'processed' | 'ignored'; note: string | null }> {
  const connection = await getGithubConnection({ id: connectionId })
  if (!connection) return { state: 'ignored', note: 'the connection was removed' }
  const repo = repositoryOf.safeParse(payload)
  if (!repo.success) return { state: 'ignored', note: event === 'ping' ? 'ping: the hook works' : `${event}: no repository in the payload` }
  const repository = await findMappedRepository(connectionId, repo.data.repository.full_name)
  if (!repository) return { state: 'ignored', note: `${repo.data.repository.full_name} is not mapped to a service` }
  const parsed = safely(() => mapGithubEvent(event, payload, { repository, incidentLabel: connection.incidentLabel }))
  // a payload without the fields Plimsoll reads will not improve with retries
  if (parsed instanceof ZodError) return { state: 'ignored', note: `${event}: ${parsed.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }
  const action = parsed
  if (action.kind === 'ignored') return { state: 'ignored', note: action.reason }
  const caller: Caller = { tokenId: null, teamId: connection.teamId, teamSlug: connection.teamSlug }
  const request = { raw: JSON.stringify({ webhookDelivery: deliveryId }), receivedAt: new Date(), kind: `github:${event}` }
  return { state: 'processed', note: await apply(action, caller, request, repository.serviceId) }
}

async function apply(action: Exclude<GithubAction, { kind: 'ignored' }>, caller: Caller, request: { raw: string; receivedAt: Date; kind: string }, serviceId: number): Promise<string | null> {
  switch (action.kind) {
    case 'deployment': {
      const input = action.input
      // the commits it carried: those pushed up to its sha and not yet deployed to this environment
      if (input.status === 'success' && input.sha) {
        const shas = await listUndeployedChangesUpTo(pool(), serviceId, input.environment.name, input.sha)
        input.commits = shas.map((sha) => ({ sha }))
      }
      const { outcome } = await ingestDeployments(caller, [input], request)
      return `deployment ${input.externalId} ${outcome}${input.commits.length ? `, ${input.commits.length} commit(s)` : ''}`
    }
    case 'changes': {
      const changed = await withTransaction((tx) => upsertChanges(tx, serviceId, action.commits))
      return `${action.commits.length} commit(s), ${changed} new or changed`
    }
    case 'incident': {
      try {
        const { outcome } = await ingestIncident(caller, action.body, request, 'github')
        return `incident ${action.body.id} ${outcome}`
      } catch (err) {
        // the issue names a sha no deployment carried: keep the incident, leave the cause to attribution
        if (err instanceof AppError && err.fields?.some((f) => f.path === 'causeSha')) {
          const { outcome } = await ingestIncident(caller, { ...action.body, causeSha: undefined }, request, 'github')
          return `incident ${action.body.id} ${outcome}; the sha it names (${action.body.causeSha}) was not deployed`
        }
        throw err
      }
    }
  }
}

