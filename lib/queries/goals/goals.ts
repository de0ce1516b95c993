import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import type { GoalMetric } from '@/lib/metrics/goal-status'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type GoalRow = {
  id: number
  teamId: number
  team: string
  serviceId: number | null
  service: string | null
  metric: GoalMetric
  target: number
  lastMet: boolean | null
  lastEvaluatedAt: Date | null
}

const columns = sql`g.id, g.team_id AS "teamId", t.slug AS team, g.service_id AS "serviceId", s.slug AS service, g.metric, g.target,
  g.last_met AS "lastMet", g.last_evaluated_at AS "lastEvaluatedAt"`

export async function listGoals(readable: ReadableTeams, teamId: number | null = null, client: Queryable = pool()): Promise<GoalRow[]> {
  return queryRows<GoalRow>(client, sql`
    SELECT ${columns} FROM goal g JOIN team t ON t.id = g.team_id LEFT JOIN service s ON s.id = g.service_id
    WHERE ${readableTeamsSql(sql`g.team_id`, readable)} AND (${teamId}::int IS NULL OR g.team_id = ${teamId})
    ORDER BY t.slug, s.slug NULLS FIRST, g.metric`)
}

export async function getGoal(id: number, client: Queryable = pool()): Promise<GoalRow | null> {
  const rows = await queryRows<GoalRow>(client, sql`
    SELECT ${columns} FROM goal g JOIN team t ON t.id = g.team_id LEFT JOIN service s ON s.id = g.service_id WHERE g.id = ${id}`)
  return rows[0] ?? null
}

// A new target for a goal that exists starts its crossing history again (last_met NULL).
export async function upsertGoal(g: { teamId: number; serviceId: number | null; metric: GoalMetric; target: number }, client: Queryable): Promise<number> {
  const rows = await queryRows<{ id: number }>(client, sql`
    INSERT INTO goal (team_id, service_id, metric, target) VALUES (${g.teamId}, ${g.serviceId}, ${g.metric}, ${g.target})
    ON CONFLICT (team_id, service_id, metric) DO UPDATE SET target = EXCLUDED.target,
      last_met = CASE WHEN goal.target = EXCLUDED.target THEN goal.last_met END
    RETURNING id`)
  return rows[0]!.id
}

export async function deleteGoal(id: number, client: Queryable): Promise<boolean> {
  return ((await client.query(sql`DELETE FROM goal WHERE id = ${id}`)).rowCount ?? 0) > 0
}

// Records an evaluation; returns the previous lastMet only if this call changed it (a concurrent
// evaluation that already recorded the same crossing gets nothing, so a crossing is reported once).
export async function recordGoalEvaluation(id: number, met: boolean | null, at: Date, client: Queryable = pool()): Promise<{ changed: boolean }> {
  const r = await client.query(sql`
    UPDATE goal SET last_met = coalesce(${met}::boolean, last_met), last_evaluated_at = ${at}
    WHERE id = ${id} AND last_met IS DISTINCT FROM coalesce(${met}::boolean, last_met)`)
  if ((r.rowCount ?? 0) === 0) await client.query(sql`UPDATE goal SET last_evaluated_at = ${at} WHERE id = ${id}`)
  return { changed: (r.rowCount ?? 0) > 0 }
}
