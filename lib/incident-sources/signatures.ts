import { createHmac, timingSafeEqual } from 'node:crypto'

// The signature schemes of the incident tools, over the raw body bytes (never re-serialised JSON).

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b)

// PagerDuty V3 (developer docs, "Verifying Signatures"): X-PagerDuty-Signature holds comma-separated
// "v1=<hex HMAC-SHA256 of the body, keyed with the subscription's secret as-is>"; several during a secret
// rotation, any one matching is enough.
export function pagerdutySignatureValid(header: string, body: Buffer, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest()
  return header.split(',').map((s) => s.trim()).filter((s) => /^v1=[0-9a-f]{64}$/i.test(s))
    .some((s) => equal(Buffer.from(s.slice(3), 'hex'), expected))
}

// incident.io signs as Svix / Standard Webhooks do: base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>",
// keyed with the secret's base64 after "whsec_"; webhook-signature holds space-separated "v1,<base64>".
// The timestamp must be within the tolerance of now, so a captured delivery cannot be replayed later.
export const STANDARD_WEBHOOK_TOLERANCE_S = 5 * 60

export type StandardWebhookHeaders = { id: string; timestamp: string; signature: string }

export function standardWebhookProblem(h: StandardWebhookHeaders, body: Buffer, secret: string, nowMs = Date.now()): string | null {
  if (!/^\d{1,12}$/.test(h.timestamp)) return 'webhook-timestamp must be Unix seconds'
  if (Math.abs(nowMs / 1000 - Number(h.timestamp)) > STANDARD_WEBHOOK_TOLERANCE_S) return 'webhook-timestamp is more than 5 minutes from now'
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  const expected = createHmac('sha256', key).update(`${h.id}.${h.timestamp}.`).update(body).digest()
  const given = h.signature.split(' ').filter((s) => s.startsWith('v1,')).map((s) => Buffer.from(s.slice(3), 'base64'))
  return given.some((g) => equal(g, expected)) ? null : 'webhook-signature matches no v1 signature of the body'
}

// Opsgenie's custom header or basic-auth password, Alertmanager's bearer token: compared as digests, in constant time.
export function sharedTokenValid(given: string, secret: string): boolean {
  const digest = (s: string) => createHmac('sha256', 'plimsoll-token-compare').update(s).digest()
  return timingSafeEqual(digest(given), digest(secret))
}
