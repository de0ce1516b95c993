import { createHmac, timingSafeEqual } from 'node:crypto'
import { logger } from '@/lib/logger'
import { openSecret } from '@/lib/crypto/secret-box'
import { secretKeyring } from '@/lib/crypto/app-keyring'
import { listConnectionSecrets, type ConnectionSecret } from '@/lib/queries/github-connections'

type OpenConnection = Omit<ConnectionSecret, 'webhookSecretEnc' | 'repositories'> & { secret: string; repositories: Set<string> }

// What a delivery says about where it comes from (unverified: it only decides which secret to try first).
export type DeliveryOrigin = { repository: string | null; installationId: number | null }

const ownerOf = (repository: string | null) => repository?.split('/')[0] ?? null

// Connections with their secrets opened, kept for a short while: one URL serves every connection. The
// connection the delivery's repository, organisation or App installation names is tried first, so a delivery costs
// one HMAC however many connections there are; the others are still tried (an unmapped repository).
const TTL_MS = 30_000
let cache: { at: number; connections: OpenConnection[] } | undefined
const reported = new Set<number>() // connections whose secret would not open, logged once each

let loading: Promise<OpenConnection[]> | undefined // one reload at a time, however many requests wait for it

function openConnections(): Promise<OpenConnection[]> {
  if (cache && Date.now() - cache.at < TTL_MS) return Promise.resolve(cache.connections)
  loading ??= loadConnections().finally(() => (loading = undefined))
  return loading
}

async function loadConnections(): Promise<OpenConnection[]> {
  const rows = await listConnectionSecrets()
  const key = rows.length > 0 ? secretKeyring() : undefined
  const connections: OpenConnection[] = []
  for (const { webhookSecretEnc, repositories, ...c } of rows) {
    try {
      connections.push({ ...c, repositories: new Set(repositories), secret: openSecret(webhookSecretEnc, key!) })
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
export async function connectionForSignature(body: string, signature: string, origin?: DeliveryOrigin): Promise<OpenConnection | null> {
  const expected = Buffer.from(signature)
  const signedBy = (c: OpenConnection) => {
    const actual = Buffer.from(`sha256=${createHmac('sha256', c.secret).update(body).digest('hex')}`)
    return actual.length === expected.length && timingSafeEqual(actual, expected)
  }
  const match = async () => {
    const connections = await openConnections()
    const named = origin ? connections.filter((c) => names(c, origin)) : []
    return named.find(signedBy) ?? connections.find((c) => !named.includes(c) && signedBy(c)) ?? null
  }
  const found = await match()
  if (found || !cache || Date.now() - cache.at < 1_000) return found
  forgetConnections()
  return match()
}

const names = (c: OpenConnection, o: DeliveryOrigin) =>
  (o.installationId !== null && c.installationId === o.installationId) || (o.repository !== null && c.repositories.has(o.repository)) ||
  (c.organisation !== null && c.organisation === ownerOf(o.repository))

export function deliveryOrigin(payload: unknown): DeliveryOrigin {
  const p = (payload ?? {}) as { repository?: { full_name?: unknown }; installation?: { id?: unknown } }
  const repository = typeof p.repository?.full_name === 'string' ? p.repository.full_name.toLowerCase() : null
  const installationId = typeof p.installation?.id === 'number' ? p.installation.id : null
  return { repository, installationId }
}
