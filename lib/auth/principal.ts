import { auth } from '@/lib/auth/auth'
import { bearerToken, resolveToken } from '@/lib/auth/resolve-caller'
import { getUserAccess, type UserAccess } from '@/lib/queries/auth/users'
import type { TokenCaller } from '@/lib/queries/get-token-caller'

export type TokenPrincipal = { kind: 'token' } & TokenCaller
export type UserPrincipal = { kind: 'user' } & UserAccess
// Who is asking: an API token (Authorization: Bearer) or a signed-in person (session cookie).
export type Principal = TokenPrincipal | UserPrincipal

export async function resolvePrincipal(req: Request): Promise<Principal | null> {
  const token = bearerToken(req)
  if (token) return { kind: 'token', ...(await resolveToken(token)) }
  return sessionPrincipal(req.headers)
}

export async function sessionPrincipal(headers: Headers): Promise<UserPrincipal | null> {
  if (!headers.get('cookie')) return null
  const session = await auth().api.getSession({ headers })
  if (!session) return null
  const access = await getUserAccess(session.user.id)
  return access ? { kind: 'user', ...access } : null
}
