import { randomBytes } from 'node:crypto'
import { readableTeamIds, writerFor } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import { sealSourceSecret } from '@/lib/settings/seal-source-secret'
import { withTransaction } from '@/lib/db'
import { AppError, validationError } from '@/lib/http/app-error'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { getTeamServiceBySlug } from '@/lib/queries/get-service-by-slug'
import { listSourceEvents } from '@/lib/queries/incident-sources/events'
import {
  deleteIncidentSource, deleteSourceRule, getIncidentSource, insertIncidentSource, insertSourceRule, listIncidentSources, listSourceRules,
} from '@/lib/queries/incident-sources/sources'
import type { AuditWho } from '@/lib/settings/audit-who'
import { requireTeam } from '@/lib/settings/require-team'
import type { CreateIncidentSourceBody, CreateSourceRuleBody } from '@/lib/validation/incident-sources'

export const sourcePath = (id: number) => `/api/webhooks/incidents/${id}`

// The sources a caller may read, with their rules and their latest unmapped events (what a rule could match).
export async function incidentSourcesFor(p: Principal) {
  const sources = await listIncidentSources(readableTeamIds(p))
  const ids = sources.map((s) => s.id)
  const [rules, unmapped] = await Promise.all([listSourceRules(ids), listSourceEvents({ sourceIds: ids, state: 'unmapped', limit: 200 })])
  return sources.map((s) => ({
    ...s, path: sourcePath(s.id),
    rules: rules.filter((r) => r.sourceId === s.id).map(({ sourceId: _s, serviceTeamId: _t, ...r }) => r),
    unmapped: unmapped.filter((e) => e.sourceId === s.id).slice(0, 50),
  }))
}

// Admins, or maintainers (and tokens) of the team. The secret is sealed at rest; a token Plimsoll made is in
// this answer only.
export async function addIncidentSource(p: Principal, who: AuditWho, body: CreateIncidentSourceBody) {
  const team = await requireTeam(body.team)
  writerFor(p, team, `the incident sources of team "${team.slug}"`)
  const made = body.secret === undefined
  const secret = body.secret ?? randomBytes(24).toString('base64url')
  const id = await withTransaction(async (tx) => {
    const sourceId = await insertIncidentSource({ teamId: team.id, kind: body.kind, name: body.name, secretEnc: sealSourceSecret(secret) }, tx)
    const details = { kind: body.kind, name: body.name }
    await recordAuditEvent({ ...who, action: 'incident-source.create', target: { type: 'incident_source', id: sourceId }, teamId: team.id, details }, tx)
    return sourceId
  })
  return { id, team: team.slug, kind: body.kind, name: body.name, path: sourcePath(id), ...(made ? { token: secret } : {}) }
}

async function writableSource(p: Principal, id: number) {
  const source = await getIncidentSource(id)
  if (!source) throw new AppError('NOT_FOUND', `No incident source ${id}.`)
  writerFor(p, { id: source.teamId, slug: source.team }, `the incident sources of team "${source.team}"`)
  return source
}

export async function removeIncidentSource(p: Principal, who: AuditWho, id: number) {
  const source = await writableSource(p, id)
  await withTransaction(async (tx) => {
    await deleteIncidentSource(id, tx)
    const details = { name: source.name }
    await recordAuditEvent({ ...who, action: 'incident-source.remove', target: { type: 'incident_source', id }, teamId: source.teamId, details }, tx)
  })
  return { id, removed: true }
}

// A rule sends events to a service of the source's team (a maintainer maps only to services they maintain).
export async function addSourceRule(p: Principal, who: AuditWho, id: number, body: CreateSourceRuleBody) {
  const source = await writableSource(p, id)
  // slugs are unique per team: the slug names the source's team's service
  const service = await getTeamServiceBySlug(source.teamId, body.service)
  if (!service) throw validationError([{ path: 'service', message: `"${body.service}" is not a service of team "${source.team}"` }])
  const rule = { sourceId: id, match: body.match, key: body.key ?? '', value: body.value, serviceId: service.id }
  const ruleId = await withTransaction(async (tx) => {
    const created = await insertSourceRule(rule, tx)
    await recordAuditEvent({ ...who, action: 'incident-source.rule.add', target: { type: 'incident_source', id }, teamId: source.teamId, details: body }, tx)
    return created
  })
  return { id: ruleId, match: rule.match, key: rule.key, value: rule.value, service: body.service }
}

export async function removeSourceRule(p: Principal, who: AuditWho, id: number, ruleId: number) {
  const source = await writableSource(p, id)
  const removed = await withTransaction(async (tx) => {
    const done = await deleteSourceRule(id, ruleId, tx)
    const event = { action: 'incident-source.rule.remove', target: { type: 'incident_source', id }, teamId: source.teamId, details: { ruleId } }
    if (done) await recordAuditEvent({ ...who, ...event }, tx)
    return done
  })
  if (!removed) throw new AppError('NOT_FOUND', `Incident source ${id} has no rule ${ruleId}.`)
  return { id: ruleId, removed: true }
}
