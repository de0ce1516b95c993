import type { AuditWho } from '@/lib/settings/audit-who'
import { withTransaction } from '@/lib/db'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { createTeam, updateTeam } from '@/lib/queries/settings/teams'
import type { TeamRef } from '@/lib/queries/get-team'

// Admins only (the routes' rule). Each change and its audit event commit together.
export async function addTeam(who: AuditWho, input: { slug: string; name: string }): Promise<TeamRef> {
  return withTransaction(async (tx) => {
    const team = await createTeam(input, tx)
    await recordAuditEvent({ ...who, action: 'team.create', target: { type: 'team', id: team.id }, teamId: team.id, details: input }, tx)
    return team
  })
}

export async function updateTeamAs(who: AuditWho, slug: string, u: { name?: string; timeZone?: string }): Promise<TeamRef & { timeZone: string }> {
  return withTransaction(async (tx) => {
    const team = await updateTeam(slug, u, tx)
    await recordAuditEvent({ ...who, action: u.name !== undefined ? 'team.rename' : 'team.update', target: { type: 'team', id: team.id }, teamId: team.id, details: u }, tx)
    return team
  })
}
