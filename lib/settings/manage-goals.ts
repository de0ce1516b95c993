import { readableTeamIds, writerFor } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import { readTeam } from '@/lib/auth/team-for'
import { resolveService } from '@/lib/auth/resolve-service'
import { withTransaction } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { deleteGoal, getGoal, listGoals, upsertGoal, type GoalRow } from '@/lib/queries/goals/goals'
import { getTeamById } from '@/lib/queries/get-team'
import type { AuditWho } from '@/lib/settings/audit-who'
import type { GoalBody, ListGoalsQuery } from '@/lib/validation/goals'

export type GoalDto = Pick<GoalRow, 'id' | 'team' | 'service' | 'metric' | 'target'>
const dto = (g: GoalRow): GoalDto => ({ id: g.id, team: g.team, service: g.service, metric: g.metric, target: g.target })

// The goals a caller may read (one team's with `team`).
export async function goalsFor(p: Principal, q: ListGoalsQuery): Promise<GoalDto[]> {
  const team = q.team || p.kind === 'token' ? await readTeam(p, q.team) : null
  return (await listGoals(readableTeamIds(p), team?.id ?? null)).map(dto)
}

// Admins, the team's maintainers, or a token of the team with "ingest". One goal per team or service and
// metric: a second POST replaces the target.
export async function saveGoal(p: Principal, who: AuditWho, body: GoalBody): Promise<GoalDto> {
  const service = body.service ? await resolveService(p, body.service, body.team) : null
  const team = service ? await getTeamById(service.teamId) : await readTeam(p, body.team)
  if (!team) throw new AppError('NOT_FOUND', `Service "${body.service}" has no team.`)
  writerFor(p, team, `the goals of team "${team.slug}"`)
  const id = await withTransaction(async (tx) => {
    const goalId = await upsertGoal({ teamId: team.id, serviceId: service?.id ?? null, metric: body.metric, target: body.target }, tx)
    const details = { service: service?.slug ?? null, metric: body.metric, target: body.target }
    await recordAuditEvent({ ...who, action: 'goal.save', target: { type: 'goal', id: goalId }, teamId: team.id, details }, tx)
    return goalId
  })
  return { id, team: team.slug, service: service?.slug ?? null, metric: body.metric, target: body.target }
}

export async function removeGoal(p: Principal, who: AuditWho, id: number): Promise<GoalDto> {
  const goal = await getGoal(id)
  if (!goal) throw new AppError('NOT_FOUND', `No goal ${id}.`)
  writerFor(p, { id: goal.teamId, slug: goal.team }, `the goals of team "${goal.team}"`)
  await withTransaction(async (tx) => {
    await deleteGoal(id, tx)
    await recordAuditEvent({ ...who, action: 'goal.remove', target: { type: 'goal', id }, teamId: goal.teamId, details: { metric: goal.metric, service: goal.service } }, tx)
  })
  return dto(goal)
}
