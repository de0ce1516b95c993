import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { allowListOf, type AllowList } from '@/lib/net/allow-list'

// The targets below listen on 127.0.0.1, which the outbound-address guard refuses: tests that probe them
// hand the probe service this test-only allow-list (production reads the admins' list from the database).
export const loopbackAllowList = async (): Promise<AllowList> => allowListOf(['127.0.0.1'])

export type HttpMode = 'up' | 'error' | 'hang' | 'wrong-body'

// A local HTTP server that answers as told: 200 "ok", 503, never (hangs), or 200 without the expected body.
export async function startHttpTarget(): Promise<{ url: string; setMode: (m: HttpMode) => void; stop: () => Promise<void> }> {
  let mode: HttpMode = 'up'
  const server = http.createServer((req, res) => {
    if (mode === 'hang') return
    res.writeHead(mode === 'error' ? 503 : 200, { 'content-type': 'text/plain' })
    res.end(mode === 'wrong-body' ? 'maintenance' : 'status: ok')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/health`,
    setMode: (m) => (mode = m),
    stop: () => new Promise((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
  }
}

// A local TCP listener that stops listening (connections refused) and comes back on the same port.
export async function startTcpTarget(): Promise<{ host: string; port: number; down: () => Promise<void>; up: () => Promise<void>; stop: () => Promise<void> }> {
  const sockets = new Set<net.Socket>()
  let server: net.Server | null = null
  let port = 0
  const up = async () => {
    if (server) return
    const s = net.createServer((socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => undefined)
    })
    await new Promise<void>((r) => s.listen(port, '127.0.0.1', r))
    port = (s.address() as AddressInfo).port
    server = s
  }
  const down = async () => {
    const s = server
    if (!s) return
    server = null
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((r) => s.close(() => r()))
  }
  await up()
  return { host: '127.0.0.1', port, down, up, stop: down }
}
