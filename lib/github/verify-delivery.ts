import { createHmac, timingSafeEqual } from 'node:crypto'
import { logger } from '@/lib/logger'
import { openSecret } from '@/lib/crypto/secret-box'
import { secretKeyring } from '@/lib/crypto/app-keyring'
import { listConnectionSecrets } from '@/lib/queries/github-connections'

type OpenConnection = { id: number; secret: string }

// Connections with their secrets opened, kept for a short while: one URL serves every connection, so a
// delivery is hashed with each connection's secret as its bytes arrive (HMAC-SHA256 runs at hundreds of
// MB/s: 25 MiB and a handful of connections cost well under a second of CPU, spread over the chunks).
// Nothing of the body is parsed or scanned before one of them matches.
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
  for (const c of rows) {
    try {
      connections.push({ id: c.id, secret: openSecret(c.webhookSecretEnc, key!) })
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

// X-Hub-Signature-256 as GitHub writes it; anything else is refused before the body is read.
const SIGNATURE = /^sha256=([0-9a-f]{64})$/

export function parseSignature(header: string): Buffer | null {
  const m = SIGNATURE.exec(header)
  return m ? Buffer.from(m[1]!, 'hex') : null
}

// raw: the body's bytes when a connection signed it; empty otherwise, so a refused body is never copied
// into one 25 MiB buffer (the allocation alone took a few hundred ms on a loaded machine)
export type SignedBody = { connection: OpenConnection | null; raw: Buffer }

// Reads the body (already limited by the caller) while hashing it with every connection's secret, and
// names the connection whose secret signed it, or null. A miss reloads the connections once (a
// connection created a moment ago must not wait for the cache) and tries only the new ones.
export async function readSignedBody(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, signature: Buffer): Promise<SignedBody> {
  const connections = await openConnections()
  const hmacs = connections.map((c) => createHmac('sha256', c.secret))
  const parts: Uint8Array[] = []
  for await (const chunk of chunks) {
    for (const h of hmacs) h.update(chunk)
    parts.push(chunk)
  }
  const signs = (digest: Buffer) => digest.length === signature.length && timingSafeEqual(digest, signature)
  const found = connections.find((_, i) => signs(hmacs[i]!.digest()))
  if (found || !cache || Date.now() - cache.at < 1_000) return { connection: found ?? null, raw: found ? Buffer.concat(parts) : Buffer.alloc(0) }
  forgetConnections()
  const tried = (c: OpenConnection) => connections.some((o) => o.id === c.id && o.secret === c.secret)
  const fresh = (await openConnections()).filter((c) => !tried(c))
  if (fresh.length === 0) return { connection: null, raw: Buffer.alloc(0) }
  const raw = Buffer.concat(parts)
  return { connection: fresh.find((c) => signs(createHmac('sha256', c.secret).update(raw).digest())) ?? null, raw }
}
