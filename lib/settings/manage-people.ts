import { createUser, updateUserAccess } from '@/lib/auth/users'
import { AppError, validationError } from '@/lib/http/app-error'
import { getUserAccess, type UserAccess } from '@/lib/queries/auth/users'
import { getTeamIdsBySlugs } from '@/lib/queries/settings/teams'
import type { CreatePersonBody, UpdatePersonBody } from '@/lib/validation/settings'

async function teamIds(slugs: string[]): Promise<number[]> {
  const { ids, missing } = await getTeamIdsBySlugs(slugs)
  if (missing.length) throw validationError([{ path: 'teams', message: `no team ${missing.map((s) => `"${s}"`).join(', ')}` }])
  return ids
}

async function accessOf(userId: string): Promise<UserAccess> {
  const access = await getUserAccess(userId)
  if (!access) throw new AppError('NOT_FOUND', 'No such person.')
  return access
}

// Admins only (the route's rule): people, their role and the teams they belong to.
export async function addPerson(body: CreatePersonBody): Promise<UserAccess> {
  const userId = await createUser({ email: body.email, name: body.name, role: body.role, teamIds: await teamIds(body.teams), password: body.password })
  return accessOf(userId)
}

export async function changePerson(userId: string, body: UpdatePersonBody): Promise<UserAccess> {
  await updateUserAccess(userId, body.role, await teamIds(body.teams))
  return accessOf(userId)
}
