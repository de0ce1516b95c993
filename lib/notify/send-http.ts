import { outboundHttp } from '@/lib/net/outbound-http'
import { hostOfUrl, OutboundRefused, type OutboundPolicy } from '@/lib/net/resolve-outbound'
import { judgeHost } from '@/lib/notify/destination-guard'

export type SendResult = { responseCode: number | null; detail: string | null }

// An answer that no retry can change (a deleted Slack webhook answers 404 "no_service", a bad payload 400):
// the delivery fails at once instead of five times.
export class PermanentSendError extends Error {
  constructor(message: string, readonly responseCode: number | null) {
    super(message)
    this.name = 'PermanentSendError'
  }
}

// A retry may succeed (5xx, 408, 429, a timeout, a reset connection).
export class RetryableSendError extends Error {
  constructor(message: string, readonly responseCode: number | null) {
    super(message)
    this.name = 'RetryableSendError'
  }
}

const TIMEOUT_MS = 10_000

// POSTs JSON through the outbound guard: the URL's host judged now (DNS may have changed since the channel was
// saved), the connection pinned to the judged address, no redirects followed (a webhook that redirects elsewhere
// is refused), 2xx is delivered.
export async function postJson(url: string, body: string, headers: Record<string, string>, policy: OutboundPolicy): Promise<SendResult> {
  const u = new URL(url)
  const allowListed = await judgeHost(hostOfUrl(u), policy)
  if (u.protocol !== 'https:' && !allowListed) throw new OutboundRefused('is plain http and not on the outbound allow-list')
  const res = await outboundHttp(url, {
    policy, timeoutMs: TIMEOUT_MS, method: 'POST', body, keepBodyBytes: 300,
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
  })
  const detail = res.body ? res.body.toString('utf8').replace(/\s+/g, ' ').trim().slice(0, 200) || null : null
  if (res.status >= 200 && res.status < 300) return { responseCode: res.status, detail }
  const message = `HTTP ${res.status}${detail ? `: ${detail}` : ''}`
  if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new PermanentSendError(message, res.status)
  throw new RetryableSendError(message, res.status)
}
