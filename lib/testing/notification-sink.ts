import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { SIGNATURE_HEADER, verifyWebhookSignature } from '@/lib/notify/sign-webhook'

export type SinkRequest = { path: string; headers: http.IncomingHttpHeaders; body: string; json: unknown; signatureValid: boolean | null }

// A local HTTP server standing in for Slack, Teams and a generic webhook receiver. Every request is kept with its
// body; a path under /fail-<n>/ answers 503 to its first n requests (a flaky receiver); requests carrying a
// Plimsoll signature are checked against `signingSecret` as a receiver would (signatureValid).
export async function startNotificationSink(o: { signingSecret?: string; port?: number } = {}) {
  const received: SinkRequest[] = []
  const failures = new Map<string, number>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const path = req.url ?? '/'
      const failFirst = Number(/^\/fail-(\d+)\//.exec(path)?.[1] ?? 0)
      const seen = (failures.get(path) ?? 0) + 1
      failures.set(path, seen)
      if (seen <= failFirst) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('try again later')
        return
      }
      const body = Buffer.concat(chunks).toString('utf8')
      const header = req.headers[SIGNATURE_HEADER]
      const signatureValid = typeof header === 'string' && o.signingSecret ? verifyWebhookSignature(o.signingSecret, body, header, Date.now() / 1000) : null
      let json: unknown = null
      try {
        json = JSON.parse(body)
      } catch {
        // kept as text
      }
      received.push({ path, headers: req.headers, body, json, signatureValid })
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
    })
  })
  await new Promise<void>((r) => server.listen(o.port ?? 0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    on: (path: string) => received.filter((r) => r.path === path),
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
  }
}
