import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowListOf } from '@/lib/net/allow-list'
import { outboundHttp, OutboundTimeout } from '@/lib/net/outbound-http'
import { outboundTcpConnect } from '@/lib/net/outbound-tcp'
import { OutboundRefused, type LookupAll, type OutboundPolicy } from '@/lib/net/resolve-outbound'

// Two listeners on loopback. "allowed.test" and "other.test" both resolve (through a stub) to 127.0.0.1;
// the allow-list names allowed.test only, so a redirect from it to other.test, or to 127.0.0.1 itself,
// leads to a refused host.
let hits: Record<string, number>
let portA = 0
let portB = 0
const servers: http.Server[] = []
const listen = async (handler: http.RequestListener) => {
  const s = http.createServer(handler)
  servers.push(s)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return (s.address() as AddressInfo).port
}

let lookups: string[]
const stub: LookupAll = async (host) => {
  lookups.push(host)
  if (host === 'allowed.test' || host === 'other.test') return [{ address: '127.0.0.1', family: 4 }]
  // a rebinding name: loopback at the check, something else after it (never asked twice per hop)
  if (host === 'rebind.test') return lookups.filter((h) => h === host).length === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]
  throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' })
}
const policy: OutboundPolicy = { allowList: allowListOf(['allowed.test', 'rebind.test']), lookup: stub }

beforeAll(async () => {
  portB = await listen((req, res) => {
    hits[`B ${req.url}`] = (hits[`B ${req.url}`] ?? 0) + 1
    res.end('B answered')
  })
  portA = await listen((req, res) => {
    hits[`A ${req.url}`] = (hits[`A ${req.url}`] ?? 0) + 1
    const to: Record<string, string> = {
      '/to-other-name': `http://other.test:${portB}/secret`,
      '/to-loopback-literal': `http://127.0.0.1:${portB}/secret`,
      '/to-mapped-literal': `http://[::ffff:127.0.0.1]:${portB}/secret`,
      '/to-allowed': `http://allowed.test:${portB}/fine`,
      '/to-file': 'file:///etc/passwd',
    }
    if (req.url === '/hang') return
    if (to[req.url!]) res.writeHead(302, { location: to[req.url!] }).end()
    else res.end('A answered')
  })
})
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

const get = (url: string, maxRedirects = 5) => {
  hits = {}
  lookups = []
  return outboundHttp(url, { policy, timeoutMs: 2000, maxRedirects, keepBodyBytes: 100 })
}

describe('outboundHttp', () => {
  it('follows a redirect to another allowed host, judging the new host again', async () => {
    const res = await get(`http://allowed.test:${portA}/to-allowed`)
    expect([res.status, res.body?.toString(), res.url]).toEqual([200, 'B answered', `http://allowed.test:${portB}/fine`])
    expect(lookups).toEqual(['allowed.test', 'allowed.test'])
  })

  it.each(['/to-other-name', '/to-loopback-literal', '/to-mapped-literal'])('refuses a redirect from an allowed host to a refused one (%s); the refused one is never asked', async (path) => {
    await expect(get(`http://allowed.test:${portA}${path}`)).rejects.toThrow(OutboundRefused)
    expect(hits).toEqual({ [`A ${path}`]: 1 })
  })

  it('refuses a redirect to a non-http URL', async () => {
    await expect(get(`http://allowed.test:${portA}/to-file`)).rejects.toThrow(/not http/)
  })

  it('without redirects allowed, the 3xx is the answer (what probes use)', async () => {
    const res = await get(`http://allowed.test:${portA}/to-other-name`, 0)
    expect(res.status).toBe(302)
    expect(hits).toEqual({ 'A /to-other-name': 1 })
  })

  it('connects to the address it judged: the name is looked up once per hop, so a rebind cannot take effect', async () => {
    const res = await get(`http://rebind.test:${portA}/plain`)
    expect([res.status, res.target.address]).toEqual([200, '127.0.0.1'])
    expect(lookups).toEqual(['rebind.test'])
  })

  it('refuses a refused target before connecting, and ends at the deadline', async () => {
    await expect(get(`http://other.test:${portA}/`)).rejects.toThrow(/resolves to a loopback address/)
    expect(hits).toEqual({})
    await expect(outboundHttp(`http://allowed.test:${portA}/hang`, { policy, timeoutMs: 200 })).rejects.toThrow(OutboundTimeout)
  })
})

describe('outboundTcpConnect', () => {
  it('connects to allowed hosts and refuses the rest before connecting (no port scans of the own network)', async () => {
    lookups = []
    await expect(outboundTcpConnect('allowed.test', portA, { policy, timeoutMs: 1000 })).resolves.toMatchObject({ address: '127.0.0.1' })
    await expect(outboundTcpConnect('127.0.0.1', portA, { policy, timeoutMs: 1000 })).rejects.toThrow(/is a loopback address/)
    await expect(outboundTcpConnect('other.test', 5432, { policy, timeoutMs: 1000 })).rejects.toThrow(/resolves to a loopback address/)
  })
})
