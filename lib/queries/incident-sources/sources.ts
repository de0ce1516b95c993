import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'
import type { IncidentSourceKind } from '@/lib/incident-sources/source-item'
import type { RuleMatch } from '@/lib/incident-sources/match-rule'

export type IncidentSourceRow = { id: number; teamId: number; team: string; kind: IncidentSourceKind; name: string; createdAt: Date }
export type SourceWithSecret = IncidentSourceRow & { secretEnc: string }
export type SourceRuleRow = {
  id: number; sourceId: number; match: RuleMatch; key: string; value: string; serviceId: number; service: string; serviceTeamId: number; serviceTeam: string
}

const sourceColumns = sql`s.id, s.team_id AS "teamId", t.slug AS team, s.kind, s.name, s.created_at AS "createdAt"`

type NewSource = { teamId: number; kind: IncidentSourceKind; name: string; secretEnc: string }

export async function insertIncidentSource(input: NewSource, client: Queryable = pool()): Promise<number> {
  const [row] = await queryRows<{ id: number }>(client, sql`
    INSERT INTO incident_source (team_id, kind, name, secret_enc) VALUES (${input.teamId}, ${input.kind}, ${input.name}, ${input.secretEnc})
    ON CONFLICT (team_id, name) DO NOTHING RETURNING id`)
  if (!row) {
    throw new AppError('CONFLICT', `The team has an incident source named "${input.name}" already.`, [{ path: 'name', message: 'already taken in this team' }])
  }
  return row.id
}

export async function getIncidentSource(id: number, client: Queryable = pool()): Promise<SourceWithSecret | null> {
  const [row] = await queryRows<SourceWithSecret>(client, sql`
    SELECT ${sourceColumns}, s.secret_enc AS "secretEnc" FROM incident_source s JOIN team t ON t.id = s.team_id WHERE s.id = ${id}`)
  return row ?? null
}

export async function listIncidentSources(readable: ReadableTeams, client: Queryable = pool()): Promise<IncidentSourceRow[]> {
  return queryRows<IncidentSourceRow>(client, sql`
    SELECT ${sourceColumns} FROM incident_source s JOIN team t ON t.id = s.team_id
    WHERE ${readableTeamsSql(sql`s.team_id`, readable)} ORDER BY t.slug, s.name`)
}

export async function deleteIncidentSource(id: number, client: Queryable = pool()): Promise<void> {
  await client.query(sql`DELETE FROM incident_source WHERE id = ${id}`)
}

const ruleColumns = sql`r.id, r.source_id AS "sourceId", r.match, r.key, r.value, r.service_id AS "serviceId", sv.slug AS service,
  sv.team_id AS "serviceTeamId", st.slug AS "serviceTeam"`

export async function listSourceRules(sourceIds: number[], client: Queryable = pool()): Promise<SourceRuleRow[]> {
  if (sourceIds.length === 0) return []
  return queryRows<SourceRuleRow>(client, sql`
    SELECT ${ruleColumns} FROM incident_source_rule r JOIN service sv ON sv.id = r.service_id JOIN team st ON st.id = sv.team_id
    WHERE r.source_id = ANY(${sourceIds}::int[]) ORDER BY r.id`)
}

type NewRule = { sourceId: number; match: RuleMatch; key: string; value: string; serviceId: number }

export async function insertSourceRule(input: NewRule, client: Queryable = pool()): Promise<number> {
  const [row] = await queryRows<{ id: number }>(client, sql`
    INSERT INTO incident_source_rule (source_id, match, key, value, service_id)
    VALUES (${input.sourceId}, ${input.match}, ${input.key}, ${input.value}, ${input.serviceId})
    ON CONFLICT (source_id, match, key, value) DO NOTHING RETURNING id`)
  if (!row) throw new AppError('CONFLICT', 'This source has a rule for that value already.', [{ path: 'value', message: 'already mapped' }])
  return row.id
}

export async function deleteSourceRule(sourceId: number, ruleId: number, client: Queryable = pool()): Promise<boolean> {
  const r = await client.query(sql`DELETE FROM incident_source_rule WHERE id = ${ruleId} AND source_id = ${sourceId}`)
  return (r.rowCount ?? 0) > 0
}
