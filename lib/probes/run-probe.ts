import { outboundHttp, OutboundTimeout } from '@/lib/net/outbound-http'
import { outboundTcpConnect } from '@/lib/net/outbound-tcp'
import { normaliseHost, OutboundRefused, OutboundUnresolved, type OutboundPolicy } from '@/lib/net/resolve-outbound'

export type HttpTarget = { kind: 'http'; method: string; url: string; expectStatusMin: number; expectStatusMax: number; bodyContains: string | null; timeoutMs: number }
export type TcpTarget = { kind: 'tcp'; host: string; port: number; timeoutMs: number }
export type ProbeTarget = HttpTarget | TcpTarget
// detail: why it failed, in words of our own (a status, a timeout, an error code, the guard's reason);
// never the target's answer, so a check cannot be used to read what an address serves.
export type ProbeResult = { up: boolean; latencyMs: number; detail: string | null }

const BODY_LIMIT = 1 << 20

// One probe with its own deadline, through the outbound-address guard (checked again at every run: DNS
// answers change): a slow or hanging target fails at its timeout and holds nothing else.
export async function runProbe(target: ProbeTarget, policy: OutboundPolicy): Promise<ProbeResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const detail = target.kind === 'http' ? await probeHttp(target, policy) : await probeTcp(target, policy)
    return { up: detail === null, latencyMs: elapsed(), detail }
  } catch (err) {
    return { up: false, latencyMs: elapsed(), detail: describeError(err, target.timeoutMs) }
  }
}

// null when the response passes; else why it failed. Redirects are not followed: a 3xx is the answer,
// judged by the expected status range (200-399 by default).
async function probeHttp(t: HttpTarget, policy: OutboundPolicy): Promise<string | null> {
  const res = await outboundHttp(t.url, {
    policy, method: t.method, timeoutMs: t.timeoutMs, maxRedirects: 0, keepBodyBytes: t.bodyContains === null ? 0 : BODY_LIMIT,
    headers: { 'user-agent': 'plimsoll-probe' },
  })
  if (res.status < t.expectStatusMin || res.status > t.expectStatusMax) return `status ${res.status} (expected ${t.expectStatusMin}-${t.expectStatusMax})`
  if (t.bodyContains === null) return null
  // the body is an oracle on what a target serves: only targets an admin allow-listed may be read
  if (!res.target.allowListed) return 'body check refused: the target is not on the outbound allow-list'
  return res.body!.toString('utf8').includes(t.bodyContains) ? null : `body does not contain "${t.bodyContains}"`
}

async function probeTcp(t: TcpTarget, policy: OutboundPolicy): Promise<string | null> {
  await outboundTcpConnect(normaliseHost(t.host), t.port, { policy, timeoutMs: t.timeoutMs })
  return null
}

function describeError(err: unknown, timeoutMs: number): string {
  if (err instanceof OutboundTimeout) return `no answer within ${timeoutMs} ms`
  if (err instanceof OutboundRefused) return `refused: ${err.reason}`
  if (err instanceof OutboundUnresolved) return 'name does not resolve'
  // Node's error codes (ECONNREFUSED, CERT_HAS_EXPIRED, HPE_INVALID_CONSTANT) say what went wrong without
  // quoting the target; messages may quote it, so they are not kept
  const code = (err as { code?: unknown }).code
  return typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,60}$/.test(code) ? code : 'connection failed'
}
