import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import { webhookSourceQueries, type WebhookSourceRow, type WebhookSourceWithSecret } from '@/lib/queries/webhook-sources'
import type { IncidentSourceKind } from '@/lib/incident-sources/source-item'
import type { RuleMatch } from '@/lib/incident-sources/match-rule'

export type IncidentSourceRow = WebhookSourceRow<IncidentSourceKind>
export type SourceWithSecret = WebhookSourceWithSecret<IncidentSourceKind>
export type SourceRuleRow = {
  id: number; sourceId: number; match: RuleMatch; key: string; value: string; serviceId: number; service: string; serviceTeamId: number; serviceTeam: string
}

const q = webhookSourceQueries<IncidentSourceKind>('incident_source', 'an incident source')
export const insertIncidentSource = q.insert
export const getIncidentSource = q.get
export const listIncidentSources = q.list
export const deleteIncidentSource = q.remove

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
