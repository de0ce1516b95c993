import { randomBytes } from 'node:crypto'
import { readableTeamIds, writerFor } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import { sealSourceSecret } from '@/lib/settings/seal-source-secret'
import { withTransaction } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { listRolloutEvents } from '@/lib/queries/rollout-sources/events'
import { deleteRolloutSource, getRolloutSource, insertRolloutSource, listRolloutSources } from '@/lib/queries/rollout-sources/sources'
import type { AuditWho } from '@/lib/settings/audit-who'
import { requireTeam } from '@/lib/settings/require-team'
import type { CreateRolloutSourceBody } from '@/lib/validation/rollout-sources'

// Argo Rollouts sends its token in a header; Flagger's webhook URL carries it (the path with the token
// is shown once, when the source is made).
export const rolloutSourcePath = (id: number) => `/api/webhooks/rollouts/${id}`

// The sources a caller may read, with their latest events (what each became).
export async function rolloutSourcesFor(p: Principal) {
  const sources = await listRolloutSources(readableTeamIds(p))
  const events = await listRolloutEvents(sources.map((s) => s.id), 200)
  return sources.map((s) => ({ ...s, path: rolloutSourcePath(s.id), events: events.filter((e) => e.sourceId === s.id).slice(0, 20) }))
}

// Admins, or maintainers (and tokens) of the team. The token is sealed at rest and in this answer only.
export async function addRolloutSource(p: Principal, who: AuditWho, body: CreateRolloutSourceBody) {
  const team = await requireTeam(body.team)
  writerFor(p, team, `the rollout sources of team "${team.slug}"`)
  const token = body.token ?? randomBytes(24).toString('base64url')
  const id = await withTransaction(async (tx) => {
    const sourceId = await insertRolloutSource({ teamId: team.id, kind: body.kind, name: body.name, secretEnc: sealSourceSecret(token) }, tx)
    const details = { kind: body.kind, name: body.name }
    await recordAuditEvent({ ...who, action: 'rollout-source.create', target: { type: 'rollout_source', id: sourceId }, teamId: team.id, details }, tx)
    return sourceId
  })
  const path = rolloutSourcePath(id)
  return { id, team: team.slug, kind: body.kind, name: body.name, path, token, ...(body.kind === 'flagger' ? { tokenPath: `${path}/${token}` } : {}) }
}

export async function removeRolloutSource(p: Principal, who: AuditWho, id: number) {
  const source = await getRolloutSource(id)
  if (!source) throw new AppError('NOT_FOUND', `No rollout source ${id}.`)
  writerFor(p, { id: source.teamId, slug: source.team }, `the rollout sources of team "${source.team}"`)
  await withTransaction(async (tx) => {
    await deleteRolloutSource(id, tx)
    const event = { action: 'rollout-source.remove', target: { type: 'rollout_source', id }, teamId: source.teamId, details: { name: source.name } }
    await recordAuditEvent({ ...who, ...event }, tx)
  })
  return { id, removed: true }
}
