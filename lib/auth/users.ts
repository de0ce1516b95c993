import { auth } from '@/lib/auth/auth'
import { withTransaction, type Tx } from '@/lib/db'
import { AppError, validationError } from '@/lib/http/app-error'
import { deleteUser, lockAdmins, setUserRoleAndTeams, type Role } from '@/lib/queries/auth/users'

export type NewUser = { email: string; name: string; role: Role; teamIds: number[]; password?: string }

// People are added by an admin (or through the first-admin link). With a password they can sign in
// with it; without, only through GitHub or OIDC with the same email.
export async function createUser(input: NewUser): Promise<string> {
  const ctx = await auth().$context
  const email = input.email.trim().toLowerCase()
  if (await ctx.internalAdapter.findUserByEmail(email)) throw new AppError('CONFLICT', `A person with email ${email} already exists.`)
  if (input.password !== undefined) checkPassword(input.password, ctx.password.config)
  const user = await ctx.internalAdapter.createUser({ email, name: input.name, role: input.role, emailVerified: false }, { method: 'admin' })
  if (input.password !== undefined) {
    await ctx.internalAdapter.linkAccount({ providerId: 'credential', accountId: user.id, userId: user.id, password: await ctx.password.hash(input.password) })
  }
  await withTransaction((tx) => setUserRoleAndTeams(tx, user.id, input.role, input.teamIds))
  return user.id
}

export async function setPassword(userId: string, password: string): Promise<void> {
  const ctx = await auth().$context
  checkPassword(password, ctx.password.config)
  const hash = await ctx.password.hash(password)
  const accounts = await ctx.internalAdapter.findAccounts(userId)
  if (accounts.some((a) => a.providerId === 'credential')) await ctx.internalAdapter.updatePassword(userId, hash)
  else await ctx.internalAdapter.linkAccount({ providerId: 'credential', accountId: userId, userId, password: hash })
}

// The last admin cannot be demoted: someone must always be able to manage people and secrets. The admins'
// rows are locked while counted, so two admins demoting each other at once queue: the second sees the first's
// change and is refused (409), whether it would now demote the last admin or its own caller lost the role.
export async function updateUserAccess(actorId: string, userId: string, role: Role, teamIds: number[]): Promise<void> {
  await withTransaction(async (tx) => {
    const admins = await lockAdmins(tx)
    assertStillAdmin(admins, actorId)
    const { rows } = await tx.query<{ role: Role }>('SELECT role::text AS role FROM auth_user WHERE id = $1 FOR UPDATE', [userId])
    if (!rows[0]) throw new AppError('NOT_FOUND', 'No such person.')
    if (rows[0].role === 'admin' && role !== 'admin' && admins.length <= 1) throw new AppError('CONFLICT', 'The last admin cannot be demoted; make someone else admin first.')
    await setUserRoleAndTeams(tx, userId, role, teamIds)
  })
}

// Removes a person and ends every session of theirs at once; the last admin cannot be removed. `then`
// runs in the same transaction (the audit event is written, or rolled back, with the removal).
export async function removeUser(actorId: string, userId: string, then: (tx: Tx, removed: { email: string; role: Role }) => Promise<void>): Promise<void> {
  await withTransaction(async (tx) => {
    const admins = await lockAdmins(tx)
    assertStillAdmin(admins, actorId)
    if (admins.includes(userId) && admins.length <= 1) throw new AppError('CONFLICT', 'The last admin cannot be removed; make someone else admin first.')
    const removed = await deleteUser(tx, userId)
    if (!removed) throw new AppError('NOT_FOUND', 'No such person.')
    await then(tx, removed)
  })
}

// The route let the caller in as an admin before the lock was taken; a change committed meanwhile may have
// demoted or removed them, and a request of theirs still waiting must not act on that stale role.
function assertStillAdmin(lockedAdmins: string[], actorId: string) {
  if (!lockedAdmins.includes(actorId)) throw new AppError('CONFLICT', 'You are no longer an admin: another admin changed your role while this request waited.')
}

function checkPassword(password: string, config: { minPasswordLength: number; maxPasswordLength: number }) {
  if (password.length < config.minPasswordLength || password.length > config.maxPasswordLength) {
    throw validationError([{ path: 'password', message: `must be ${config.minPasswordLength} to ${config.maxPasswordLength} characters` }])
  }
}
