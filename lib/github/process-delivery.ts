import { AppError } from '@/lib/http/app-error'
import { getGithubConnection, listRepositoryServices, type MappedRepository } from '@/lib/queries/github-connections'
import { finishDelivery, getDelivery } from '@/lib/queries/webhook-deliveries'
import { repositoryOf } from '@/lib/github/event-schemas'
import { mapGithubEvent } from '@/lib/github/map-events'
import { applyGithubAction } from '@/lib/github/apply-action'
import { mapOrganisationRepository } from '@/lib/github/organisation-repository'
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
  if (d.provider !== 'github') return { state: 'skipped', note: `a ${d.provider} delivery` }
  if (d.state !== 'pending') return { state: 'skipped', note: `already ${d.state}` }
  const outcome = await handle(d.deliveryId, d.connectionId, d.event, JSON.parse(d.rawBody) as unknown).catch(ignoreRefusal)
  await finishDelivery(deliveryId, outcome.state, outcome.note)
  return outcome
}

// The ingest rules refuse what a payload says (e.g. an incident resolved before it opened): retrying
// cannot change that, so the delivery is ignored with the reason (the fuzz test of docs/reliability.md
// found such a GitLab delivery retried five times, then failed).
export function ignoreRefusal(err: unknown): { state: 'ignored'; note: string } {
  if (err instanceof AppError && err.status < 500) return { state: 'ignored', note: err.message }
  throw err
}

async function handle(deliveryId: string, connectionId: number, event: string, payload: unknown): Promise<{ state: 'processed' | 'ignored'; note: string | null }> {
  const connection = await getGithubConnection({ id: connectionId })
  if (!connection) return { state: 'ignored', note: 'the connection was removed' }
  const repo = repositoryOf.safeParse(payload)
  if (!repo.success) return { state: 'ignored', note: event === 'ping' ? 'ping: the hook works' : `${event}: no repository in the payload` }
  const fullName = repo.data.repository.full_name
  let services = await listRepositoryServices(connectionId, fullName)
  if (services.length === 0) services = await mapOrganisationRepository(connection, fullName)
  if (services.length === 0) return { state: 'ignored', note: `${repo.data.repository.full_name} is not mapped to a service` }
  // the first of the repository's services the event means something for (a monorepo's services may
  // each deploy by their own workflow; every other event is the same for all of them)
  let mapped: { action: ReturnType<typeof mapGithubEvent>; repository: MappedRepository } | undefined
  for (const repository of services) {
    const parsed = safely(() => mapGithubEvent(event, payload, { repository, incidentLabel: connection.incidentLabel }))
    // a payload without the fields Plimsoll reads will not improve with retries
    if (parsed instanceof ZodError) return { state: 'ignored', note: `${event}: ${parsed.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` }
    mapped ??= { action: parsed, repository }
    if (parsed.kind !== 'ignored') {
      mapped = { action: parsed, repository }
      break
    }
  }
  const { action, repository } = mapped!
  if (action.kind === 'ignored') return { state: 'ignored', note: action.reason }
  const caller: Caller = { tokenId: null, teamId: connection.teamId, teamSlug: connection.teamSlug }
  const request = { raw: JSON.stringify({ webhookDelivery: deliveryId }), receivedAt: new Date(), kind: `github:${event}` }
  return { state: 'processed', note: (await applyGithubAction(action, caller, request, repository, services)).note }
}
