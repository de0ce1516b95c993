import { createHash } from 'node:crypto'
import { AppError } from '@/lib/http/app-error'
import { readBodyLimited } from '@/lib/http/body-limit'
import { pagerdutySignatureValid, sharedTokenValid, standardWebhookProblem } from '@/lib/incident-sources/signatures'
import type { IncidentSourceKind } from '@/lib/incident-sources/source-item'

// Incident tools send small JSON bodies; an Alertmanager group of a few thousand alerts stays well below this.
export const MAX_SOURCE_BODY_BYTES = 5 * 1024 * 1024

const unauthorized = (message: string) => new AppError('UNAUTHORIZED', message)

// The body's bytes once the request proved it comes from the source, and the sender's id of the delivery
// (null: the body's digest is its id). Tokens are checked before the body is read; signatures over the raw
// bytes before anything parses them. The secret is opened only for a request that sends a credential.
export async function authenticatedBody(kind: IncidentSourceKind, req: Request, secretOf: () => string): Promise<{ raw: Buffer; deliveryId: string | null }> {
  const h = (name: string) => req.headers.get(name)
  if (kind === 'pagerduty') {
    const signature = h('x-pagerduty-signature')
    if (!signature) throw unauthorized('X-PagerDuty-Signature is missing: the subscription\'s secret signs each delivery.')
    const raw = await readBodyLimited(req, MAX_SOURCE_BODY_BYTES)
    if (!pagerdutySignatureValid(signature, raw, secretOf())) {
      throw unauthorized('X-PagerDuty-Signature matches no v1 signature of the body for this source\'s secret.')
    }
    return { raw, deliveryId: null }
  }
  if (kind === 'incident_io') {
    const id = h('webhook-id')
    const timestamp = h('webhook-timestamp')
    const signature = h('webhook-signature')
    if (!id || !timestamp || !signature) {
      throw unauthorized('webhook-id, webhook-timestamp and webhook-signature are required (incident.io signs each delivery).')
    }
    const raw = await readBodyLimited(req, MAX_SOURCE_BODY_BYTES)
    const problem = standardWebhookProblem({ id, timestamp, signature }, raw, secretOf())
    if (problem) throw unauthorized(`${problem}.`)
    return { raw, deliveryId: id }
  }
  const given = tokenOf(kind, req)
  if (given === null) throw unauthorized(kind === 'alertmanager'
    ? 'Authorization: Bearer <token> is missing (http_config.authorization.credentials in Alertmanager).'
    : 'Send the token as the X-Plimsoll-Token header or the password of basic authentication.')
  if (!sharedTokenValid(given, secretOf())) throw unauthorized('The token is not this source\'s.')
  return { raw: await readBodyLimited(req, MAX_SOURCE_BODY_BYTES), deliveryId: null }
}

function tokenOf(kind: IncidentSourceKind, req: Request): string | null {
  const auth = req.headers.get('authorization') ?? ''
  if (kind === 'alertmanager') return /^Bearer\s+(\S+)$/i.exec(auth)?.[1] ?? null
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth)?.[1]
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8')
    return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : null
  }
  return req.headers.get('x-plimsoll-token')
}

export const bodyDigest = (raw: Buffer) => createHash('sha256').update(raw).digest('hex')
