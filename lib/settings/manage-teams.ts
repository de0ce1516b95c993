import type { AuditWho } from '@/lib/settings/audit-who'
import { withTransaction } from '@/lib/db'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { createTeam, renameTeam } from '@/lib/queries/settings/teams'
import type { TeamRef } from '@/lib/queries/get-team'

// Admins only (the routes' rule). Each change and its audit event commit together.
export async function addTeam(who: AuditWho, input: { slug: string; name: string }): Promise<TeamRef> {
  return withTransaction(async (tx) => {
    const team = await createTeam(input, tx)
    await recordAuditEvent({ ...who, action: 'team.create', target: { type: 'team', id: team.id }, teamId: team.id, details: input }, tx)
    return team
  })
}

export async function renameTeamAs(who: AuditWho, slug: string, name: string): Promise<TeamRef> {
  return withTransaction(async (tx) => {
    const team = await renameTeam(slug, name, tx)
    await recordAuditEvent({ ...who, action: 'team.rename', target: { type: 'team', id: team.id }, teamId: team.id, details: { name } }, tx)
    return team
  })
}
