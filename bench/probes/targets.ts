// The benchmark's probe targets, in a process of their own so they do not share the scheduler's event
// loop: HTTP servers and TCP listeners on local ports. Every 10th HTTP target hangs (the probe times
// out) and every 10th TCP target flaps (refuses connections 30 s of every 2 minutes). Prints the
// targets as one JSON line on stdout, then serves until killed.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { http: { type: 'string', default: '100' }, tcp: { type: 'string', default: '100' } } })
type Target = { kind: 'http'; url: string; hangs: boolean } | { kind: 'tcp'; port: number; flaps: boolean }
const targets: Target[] = []
const listen = (server: net.Server, port = 0) => new Promise<number>((r) => server.listen(port, '127.0.0.1', () => r((server.address() as AddressInfo).port)))

for (let i = 0; i < Number(values.http); i++) {
  const hangs = i % 10 === 9
  const server = http.createServer((_req, res) => {
    if (hangs) return
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.end('status: ok')
  })
  server.keepAliveTimeout = 60_000
  targets.push({ kind: 'http', url: `http://127.0.0.1:${await listen(server)}/health`, hangs })
}

for (let i = 0; i < Number(values.tcp); i++) {
  const flaps = i % 10 === 9
  const make = () => net.createServer((s) => {
    s.on('error', () => undefined)
    s.end()
  })
  let server = make()
  const port = await listen(server)
  targets.push({ kind: 'tcp', port, flaps })
  if (flaps) {
    // down 30 s of every 2 minutes, starting at a different offset per target
    setTimeout(function cycle() {
      server.close()
      setTimeout(() => {
        server = make()
        void listen(server, port)
        setTimeout(cycle, 90_000)
      }, 30_000)
    }, 20_000 + i * 500)
  }
}

process.stdout.write(`${JSON.stringify(targets)}\n`)
process.on('SIGTERM', () => process.exit(0))
