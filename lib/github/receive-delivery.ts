import { AppError, validationError } from '@/lib/http/app-error'
import { readJsonBody } from '@/lib/http/read-json-body'
import { connectionForSignature, deliveryOrigin } from '@/lib/github/verify-delivery'
import { storeDelivery } from '@/lib/ingest/store-delivery'

// GitHub sends at most 25 MB per delivery.
const MAX_DELIVERY_BYTES = 25 * 1024 * 1024

// POST /api/webhooks/github: verify, store once, answer fast. The stored row is the hand-over: the
// worker turns pending deliveries into jobs (lib/jobs/registry.ts), so an acknowledged delivery is never lost.
export async function receiveGithubDelivery(req: Request) {
  const signature = req.headers.get('x-hub-signature-256')
  if (!signature) throw new AppError('UNAUTHORIZED', 'X-Hub-Signature-256 is missing: set a secret on the webhook.')
  const event = req.headers.get('x-github-event')
  const deliveryId = req.headers.get('x-github-delivery')
  const missing = [!event && 'X-GitHub-Event', !deliveryId && 'X-GitHub-Delivery'].filter(Boolean) as string[]
  if (missing.length) throw validationError(missing.map((h) => ({ path: h, message: 'header is required' })))
  const body = await readJsonBody(req, MAX_DELIVERY_BYTES)
  const connection = await connectionForSignature(body.raw, signature, deliveryOrigin(body.value))
  if (!connection) throw new AppError('UNAUTHORIZED', 'The signature matches no connection\'s webhook secret.')
  const action = typeof (body.value as { action?: unknown })?.action === 'string' ? (body.value as { action: string }).action : null
  const stored = await storeDelivery({ deliveryId: deliveryId!, connectionId: connection.id, event: event!, action, rawBody: body.raw })
  return { deliveryId: deliveryId!, duplicate: !stored }
}
