import { AppError } from '@/lib/http/app-error'
import { hashApiToken } from '@/lib/auth/api-token'
import { getTokenCaller, touchTokenLastUsed, type TokenCaller } from '@/lib/queries/get-token-caller'
import { logger } from '@/lib/logger'

// Who writes: an API token's team, a GitHub/GitLab connection's team (no token), or a maintainer
// acting for one of their teams (no token).
export type Caller = { tokenId: number | null; teamId: number; teamSlug: string }

// last_used_at is informational: write it at most once a minute per token, off the request path.
const TOUCH_EVERY_MS = 60_000
const lastTouched = new Map<number, number>()

export function bearerToken(req: Request): string | null {
  const header = req.headers.get('authorization')
  if (!header) return null
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match?.[1]) throw new AppError('UNAUTHORIZED', 'Authorization header must be "Bearer <token>".')
  return match[1]
}

export async function resolveToken(token: string): Promise<TokenCaller> {
  const caller = await getTokenCaller(hashApiToken(token))
  if (!caller) throw new AppError('UNAUTHORIZED', 'Unknown, expired or revoked API token.')
  touchLater(caller.tokenId)
  return caller
}

export function assertTeam(caller: Caller, teamId: number, what: string): void {
  if (caller.teamId !== teamId) {
    throw new AppError('FORBIDDEN', `This token belongs to team "${caller.teamSlug}" and may not write or read ${what}.`)
  }
}

function touchLater(tokenId: number) {
  const now = Date.now()
  if (now - (lastTouched.get(tokenId) ?? 0) < TOUCH_EVERY_MS) return
  lastTouched.set(tokenId, now)
  touchTokenLastUsed(tokenId, new Date(now)).catch((err) => logger.warn({ err, tokenId }, 'could not record token use'))
}
