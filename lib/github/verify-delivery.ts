import { verify } from '@octokit/webhooks-methods'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { openSecret, secretKeyFrom } from '@/lib/crypto/secret-box'
import { listConnectionSecrets, type ConnectionSecret } from '@/lib/queries/github-connections'

type OpenConnection = Omit<ConnectionSecret, 'webhookSecretEnc'> & { secret: string }

// Connections with their secrets opened, kept for a short while: a delivery is checked against each
// (HMAC-SHA256 is cheap) so one URL serves every connection.
const TTL_MS = 30_000
let cache: { at: number; connections: OpenConnection[] } | undefined
const reported = new Set<number>() // connections whose secret would not open, logged once each

async function openConnections(): Promise<OpenConnection[]> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.connections
  const rows = await listConnectionSecrets()
  const key = rows.length > 0 ? secretKeyFrom(env().PLIMSOLL_SECRET_KEY) : undefined
  const connections: OpenConnection[] = []
  for (const { webhookSecretEnc, ...c } of rows) {
    try {
      connections.push({ ...c, secret: openSecret(webhookSecretEnc, key!) })
    } catch (err) {
      // sealed under another key (rotated without re-sealing): that connection cannot verify, the others still do
      if (!reported.has(c.id)) logger.error({ err, connection: c.id }, 'cannot open the webhook secret of a GitHub connection')
      reported.add(c.id)
    }
  }
  cache = { at: Date.now(), connections }
  return connections
}

export function forgetConnections(): void {
  cache = undefined
}

// The connection whose secret signed this body (X-Hub-Signature-256), or null. A miss reloads the
// connections once (a connection created a moment ago must not wait for the cache).
export async function connectionForSignature(body: string, signature: string): Promise<OpenConnection | null> {
  const match = async () => {
    for (const c of await openConnections()) {
      if (await verify(c.secret, body, signature).catch(() => false)) return c
    }
    return null
  }
  const found = await match()
  if (found || !cache || Date.now() - cache.at < 1_000) return found
  forgetConnections()
  return match()
}
