import { createHash, timingSafeEqual } from 'node:crypto'
import { logger } from '@/lib/logger'
import { openSecret } from '@/lib/crypto/secret-box'
import { secretKeyring } from '@/lib/crypto/app-keyring'
import { listGitlabTokens } from '@/lib/queries/gitlab-connections'

// Connections' tokens opened (as sha256 digests, compared in constant time), kept for a short while;
// one URL serves every connection.
const TTL_MS = 30_000
let cache: { at: number; tokens: { id: number; digest: Buffer }[] } | undefined
const digest = (s: string) => createHash('sha256').update(s).digest()

async function openTokens() {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.tokens
  const rows = await listGitlabTokens()
  const key = rows.length > 0 ? secretKeyring() : undefined
  const tokens: { id: number; digest: Buffer }[] = []
  for (const r of rows) {
    try {
      tokens.push({ id: r.id, digest: digest(openSecret(r.webhookTokenEnc, key!)) })
    } catch (err) {
      logger.error({ err, connection: r.id }, 'cannot open the webhook token of a GitLab connection')
    }
  }
  cache = { at: Date.now(), tokens }
  return tokens
}

export function forgetGitlabTokens(): void {
  cache = undefined
}

// The connection whose secret token this is, or null; a miss reloads once (a connection made a moment ago).
export async function connectionForToken(token: string): Promise<number | null> {
  const wanted = digest(token)
  const match = async () => (await openTokens()).find((t) => timingSafeEqual(t.digest, wanted))?.id ?? null
  const found = await match()
  if (found !== null || !cache || Date.now() - cache.at < 1_000) return found
  forgetGitlabTokens()
  return match()
}
