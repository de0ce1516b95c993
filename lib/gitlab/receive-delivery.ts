import { randomUUID } from 'node:crypto'
import { AppError, validationError } from '@/lib/http/app-error'
import { readJsonBody } from '@/lib/http/read-json-body'
import { connectionForToken } from '@/lib/gitlab/verify-token'
import { storeDelivery } from '@/lib/ingest/store-delivery'

const MAX_DELIVERY_BYTES = 25 * 1024 * 1024

// POST /api/webhooks/gitlab: check X-Gitlab-Token, store once, answer fast (GitLab disables a hook that
// keeps failing or timing out). The id is GitLab's Idempotency-Key (the same on its retries, GitLab
// 17.4+), else X-Gitlab-Event-UUID; the worker processes the stored delivery (lib/jobs/registry.ts).
export async function receiveGitlabDelivery(req: Request) {
  const token = req.headers.get('x-gitlab-token')
  if (!token) throw new AppError('UNAUTHORIZED', 'X-Gitlab-Token is missing: set a secret token on the webhook.')
  const event = req.headers.get('x-gitlab-event')
  if (!event) throw validationError([{ path: 'X-Gitlab-Event', message: 'header is required' }])
  const connectionId = await connectionForToken(token)
  if (connectionId === null) throw new AppError('UNAUTHORIZED', 'The X-Gitlab-Token matches no connection\'s secret token.')
  const body = await readJsonBody(req, MAX_DELIVERY_BYTES)
  const id = req.headers.get('idempotency-key') ?? req.headers.get('x-gitlab-event-uuid') ?? randomUUID()
  const deliveryId = `gitlab:${id}`
  const attributes = (body.value as { object_attributes?: { action?: unknown } })?.object_attributes
  const action = typeof attributes?.action === 'string' ? attributes.action : null
  const stored = await storeDelivery({ deliveryId, gitlabConnectionId: connectionId, event, action, rawBody: body.raw })
  return { deliveryId, duplicate: !stored }
}
