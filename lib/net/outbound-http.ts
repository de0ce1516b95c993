import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { hostOfUrl, OutboundRefused, resolveOutbound, type OutboundPolicy, type OutboundTarget } from '@/lib/net/resolve-outbound'

export type OutboundHttpOptions = {
  policy: OutboundPolicy
  // one deadline for the whole exchange: lookups, every redirect hop, and the body read
  timeoutMs: number
  method?: string
  headers?: Record<string, string>
  body?: string
  // redirects followed, each hop's host resolved and judged again (0: a 3xx is the answer, as probes want it)
  maxRedirects?: number
  // bytes of the body kept (0: none is read)
  keepBodyBytes?: number
}

export type OutboundHttpResponse = { status: number; url: string; target: OutboundTarget; body: Buffer | null }

// The exchange ran out of time (lookup, connect, or answer).
export class OutboundTimeout extends Error {
  constructor() {
    super('no answer in time')
    this.name = 'OutboundTimeout'
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

// An HTTP(S) request through the outbound guard: every hop's host is resolved and judged, and the
// connection is made to exactly the address judged (TLS still checks the certificate for the name).
export async function outboundHttp(url: string, o: OutboundHttpOptions): Promise<OutboundHttpResponse> {
  const deadline = AbortSignal.timeout(o.timeoutMs)
  let current = new URL(url)
  let method = o.method ?? 'GET'
  let body = o.body
  let headers: Record<string, string> = { 'user-agent': 'plimsoll', ...o.headers }
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new OutboundRefused('redirects to a URL that is not http(s)')
    const target = await beforeDeadline(resolveOutbound(hostOfUrl(current), o.policy), deadline)
    const res = await requestOnce(current, target, { method, headers, body, signal: deadline, keep: o.keepBodyBytes ?? 0 })
    if (hop >= (o.maxRedirects ?? 0) || !REDIRECTS.has(res.status) || !res.location) return { status: res.status, url: current.href, target, body: res.body }
    const next = new URL(res.location, current)
    // credentials are for the origin they were given for
    if (next.origin !== current.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^(authorization|cookie)$/i.test(k)))
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) [method, body] = ['GET', undefined]
    current = next
  }
}

// The connection's lookup answers with the judged address only (a rebind between check and connect has no effect).
export function pinnedLookup(target: OutboundTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }])
    else callback(null, target.address, target.family)
  }
}

type Once = { method: string; headers: Record<string, string>; body: string | undefined; signal: AbortSignal; keep: number }

function requestOnce(url: URL, target: OutboundTarget, o: Once): Promise<{ status: number; location: string | null; body: Buffer | null }> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === 'https:' ? https : http
    const req = mod.request(url, { method: o.method, headers: o.headers, agent: false, lookup: pinnedLookup(target), signal: o.signal })
    req.once('error', (err) => reject(o.signal.aborted ? new OutboundTimeout() : err))
    req.once('response', (res) => {
      const done = (body: Buffer | null) => {
        res.destroy()
        resolve({ status: res.statusCode ?? 0, location: res.headers.location ?? null, body })
      }
      if (o.keep <= 0) return done(null)
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        size += chunk.length
        if (size >= o.keep) done(Buffer.concat(chunks).subarray(0, o.keep))
      })
      res.once('end', () => done(Buffer.concat(chunks)))
      res.once('error', (err) => reject(o.signal.aborted ? new OutboundTimeout() : err))
    })
    req.end(o.body)
  })
}

function beforeDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new OutboundTimeout())
    const onAbort = () => reject(new OutboundTimeout())
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
