import { randomUUID } from 'node:crypto'
import { sign } from '@octokit/webhooks-methods'

// A webhook delivery as GitHub posts it to POST /api/webhooks/github, signed with `secret`.
export async function signedDelivery(event: string, payload: unknown, secret: string, id: string = randomUUID()): Promise<{ id: string; request: Request }> {
  const body = JSON.stringify(payload)
  const request = new Request('http://localhost/api/webhooks/github', {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': await sign(secret, body) },
  })
  return { id, request }
}
