import net from 'node:net'

export type HttpTarget = { kind: 'http'; method: string; url: string; expectStatusMin: number; expectStatusMax: number; bodyContains: string | null; timeoutMs: number }
export type TcpTarget = { kind: 'tcp'; host: string; port: number; timeoutMs: number }
export type ProbeTarget = HttpTarget | TcpTarget
export type ProbeResult = { up: boolean; latencyMs: number; detail: string | null }

const BODY_LIMIT = 1 << 20

// One probe with its own deadline: a slow or hanging target fails at its timeout and holds nothing else.
export async function runProbe(target: ProbeTarget): Promise<ProbeResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  try {
    const detail = target.kind === 'http' ? await probeHttp(target) : await probeTcp(target)
    return { up: detail === null, latencyMs: elapsed(), detail }
  } catch (err) {
    return { up: false, latencyMs: elapsed(), detail: describeError(err, target.timeoutMs) }
  }
}

// null when the response passes; else why it failed
async function probeHttp(t: HttpTarget): Promise<string | null> {
  const res = await fetch(t.url, { method: t.method, redirect: 'manual', signal: AbortSignal.timeout(t.timeoutMs), headers: { 'user-agent': 'plimsoll-probe' } })
  if (res.status < t.expectStatusMin || res.status > t.expectStatusMax) {
    await res.body?.cancel()
    return `status ${res.status} (expected ${t.expectStatusMin}-${t.expectStatusMax})`
  }
  if (t.bodyContains === null) {
    await res.body?.cancel()
    return null
  }
  const body = (await res.text()).slice(0, BODY_LIMIT)
  return body.includes(t.bodyContains) ? null : `body does not contain "${t.bodyContains}"`
}

function probeTcp(t: TcpTarget): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: t.host, port: t.port })
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error('TIMEOUT'))
    }, t.timeoutMs)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.destroy()
      resolve(null)
    })
    socket.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })
}

function describeError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } }
  if (e.name === 'TimeoutError' || e.message === 'TIMEOUT') return `no answer within ${timeoutMs} ms`
  const code = e.cause?.code ?? e.code
  return code ?? e.cause?.message ?? e.message ?? String(err)
}
