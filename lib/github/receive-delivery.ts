import { AppError, validationError } from '@/lib/http/app-error'
import { assertDeclaredLength, limitedChunks } from '@/lib/http/body-limit'
import { readJsonBody } from '@/lib/http/read-json-body'
import { parseSignature, readSignedBody } from '@/lib/github/verify-delivery'
import { storeDelivery } from '@/lib/ingest/store-delivery'

// GitHub sends at most 25 MB per delivery.
const MAX_DELIVERY_BYTES = 25 * 1024 * 1024

// POST /api/webhooks/github: verify, store once, answer fast. The signature is checked over the raw bytes
// as they arrive; nothing is decoded, parsed or scanned until it matches (a 25 MiB body with a made-up
// signature costs its hashing only). The stored row is the hand-over: the worker turns pending deliveries
// into jobs (lib/jobs/registry.ts), so an acknowledged delivery is never lost.
export async function receiveGithubDelivery(req: Request) {
  const header = req.headers.get('x-hub-signature-256')
  if (!header) throw new AppError('UNAUTHORIZED', 'X-Hub-Signature-256 is missing: set a secret on the webhook.')
  const signature = parseSignature(header)
  if (!signature) throw new AppError('UNAUTHORIZED', 'X-Hub-Signature-256 must be sha256= and 64 hex digits.')
  const event = req.headers.get('x-github-event')
  const deliveryId = req.headers.get('x-github-delivery')
  const missing = [!event && 'X-GitHub-Event', !deliveryId && 'X-GitHub-Delivery'].filter(Boolean) as string[]
  if (missing.length) throw validationError(missing.map((h) => ({ path: h, message: 'header is required' })))
  assertDeclaredLength(req, MAX_DELIVERY_BYTES)
  const { connection, raw } = await readSignedBody(req.body ? limitedChunks(req.body, MAX_DELIVERY_BYTES) : [], signature)
  if (!connection) throw new AppError('UNAUTHORIZED', 'The signature matches no connection\'s webhook secret.')
  // signed by a connection: now read as the JSON every route reads (content type, NUL characters...)
  const body = await readJsonBody(new Request(req.url, { method: 'POST', headers: req.headers, body: new Uint8Array(raw) }), MAX_DELIVERY_BYTES)
  const action = typeof (body.value as { action?: unknown })?.action === 'string' ? (body.value as { action: string }).action : null
  const stored = await storeDelivery({ deliveryId: deliveryId!, connectionId: connection.id, event: event!, action, rawBody: body.raw })
  return { deliveryId: deliveryId!, duplicate: !stored }
}
