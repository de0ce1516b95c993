import { createHmac, timingSafeEqual } from 'node:crypto'

// The generic webhook's signature (docs/notifications.md): `X-Plimsoll-Signature: t=<unix seconds>,v1=<hex>`,
// v1 = HMAC-SHA256(secret, "<t>.<raw body>"). The timestamp is signed, so a receiver that refuses t older than a few
// minutes refuses a replayed body; X-Plimsoll-Delivery names the delivery for receivers that keep seen ids.
export const SIGNATURE_HEADER = 'x-plimsoll-signature'

export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`
}

// What a receiver does (and the tests' sink): the header's signature over the body, within `toleranceSeconds` of now.
export function verifyWebhookSignature(secret: string, body: string, header: string | null, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]))
  const t = Number(parts.get('t'))
  const given = Buffer.from(parts.get('v1') ?? '', 'hex')
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false
  const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}
