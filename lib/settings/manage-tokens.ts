import { writerFor } from '@/lib/auth/access'
import { generateApiToken } from '@/lib/auth/api-token'
import type { UserPrincipal } from '@/lib/auth/principal'
import type { TokenScope } from '@/lib/auth/token-scopes'
import { pool, withTransaction } from '@/lib/db'
import { AppError } from '@/lib/http/app-error'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { getApiTokenTeam, insertApiToken, revokeApiToken } from '@/lib/queries/create-api-token'
import type { AuditWho } from '@/lib/settings/audit-who'
import { requireTeam } from '@/lib/settings/require-team'
import type { CreateTokenBody } from '@/lib/validation/settings'

export type CreatedToken = { id: number; team: string; name: string; prefix: string; scopes: TokenScope[]; expiresAt: Date | null; token: string }

// Maintainers mint tokens for their teams, admins for any. The secret is in this answer only: the
// database keeps its SHA-256, the audit event its prefix.
export async function createTokenFor(p: UserPrincipal, who: AuditWho, body: CreateTokenBody): Promise<CreatedToken> {
  const team = await requireTeam(body.team)
  writerFor(p, team, `the API tokens of team "${team.slug}"`)
  const t = generateApiToken()
  const expiresAt = body.expiresAt ?? null
  const id = await withTransaction(async (tx) => {
    const tokenId = await insertApiToken(tx, { teamId: team.id, name: body.name, prefix: t.prefix, hash: t.hash, scopes: body.scopes, expiresAt, createdBy: p.userId })
    const details = { name: body.name, prefix: t.prefix, scopes: body.scopes, expiresAt }
    await recordAuditEvent({ ...who, action: 'token.create', target: { type: 'api_token', id: tokenId }, teamId: team.id, details }, tx)
    return tokenId
  })
  return { id, team: team.slug, name: body.name, prefix: t.prefix, scopes: body.scopes, expiresAt, token: t.token }
}

// Revoking twice is harmless: the answer says whether this call revoked it (only that is audited).
export async function revokeTokenFor(p: UserPrincipal, who: AuditWho, id: number): Promise<{ id: number; team: string; revoked: boolean }> {
  const token = await getApiTokenTeam(pool(), id)
  if (!token) throw new AppError('NOT_FOUND', `No API token ${id}.`)
  writerFor(p, { id: token.teamId, slug: token.teamSlug }, `the API tokens of team "${token.teamSlug}"`)
  const revoked = await withTransaction(async (tx) => {
    const done = await revokeApiToken(tx, id)
    if (done) await recordAuditEvent({ ...who, action: 'token.revoke', target: { type: 'api_token', id }, teamId: token.teamId }, tx)
    return done
  })
  return { id, team: token.teamSlug, revoked }
}
