import { createUser, removeUser, updateUserAccess } from '@/lib/auth/users'
import { AppError, validationError } from '@/lib/http/app-error'
import { getUserAccess, type UserAccess } from '@/lib/queries/auth/users'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { getTeamIdsBySlugs } from '@/lib/queries/settings/teams'
import type { AuditWho } from '@/lib/settings/audit-who'
import type { CreatePersonBody, UpdatePersonBody } from '@/lib/validation/settings'

async function teamIds(slugs: string[]): Promise<number[]> {
  const { ids, missing } = await getTeamIdsBySlugs(slugs)
  if (missing.length) throw validationError([{ path: 'teams', message: `no team ${missing.map((s) => `"${s}"`).join(', ')}` }])
  return ids
}

function actorId(who: AuditWho): string {
  if (!who.actor.userId) throw new AppError('FORBIDDEN', 'People are managed by a signed-in admin, not a token.')
  return who.actor.userId
}

async function accessOf(userId: string): Promise<UserAccess> {
  const access = await getUserAccess(userId)
  if (!access) throw new AppError('NOT_FOUND', 'No such person.')
  return access
}

// Admins only (the routes' rule): people, their role and the teams they belong to. Better Auth writes
// the person in transactions of its own, so the audit event follows the change (never a password).
export async function addPerson(who: AuditWho, body: CreatePersonBody): Promise<UserAccess> {
  const ids = await teamIds(body.teams)
  const userId = await createUser({ email: body.email, name: body.name, role: body.role, teamIds: ids, password: body.password })
  const details = { email: body.email, name: body.name, role: body.role, teamIds: ids, withPassword: body.password !== undefined }
  await recordAuditEvent({ ...who, action: 'person.create', target: { type: 'user', id: userId }, details })
  return accessOf(userId)
}

export async function changePerson(who: AuditWho, userId: string, body: UpdatePersonBody): Promise<UserAccess> {
  const ids = await teamIds(body.teams)
  await updateUserAccess(actorId(who), userId, body.role, ids)
  await recordAuditEvent({ ...who, action: 'person.update', target: { type: 'user', id: userId }, details: { role: body.role, teamIds: ids } })
  return accessOf(userId)
}

// Removes a person: their sessions end with them (a signed-in browser of theirs is signed out on its next
// request); the audit event keeps who they were. The last admin stays.
export async function removePerson(who: AuditWho, userId: string): Promise<void> {
  await removeUser(actorId(who), userId, async (tx, removed) => {
    await recordAuditEvent({ ...who, action: 'person.delete', target: { type: 'user', id: userId }, details: removed }, tx)
  })
}
