import type http from 'node:http'
import { Readable } from 'node:stream'

// A Node request as the web Request a route handler takes (the web server has already set the client's
// address in X-Forwarded-For: scripts/web-server.ts).
export function toWebRequest(req: http.IncomingMessage): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value)
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init = { method, headers, body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : null, duplex: 'half' }
  return new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, init as RequestInit)
}

// Past an answer given before the body was read whole (a 429, a 401, a 413), Node discards what still
// arrives (nothing of it reaches the app) so the client can read the answer; after DRAIN_MS the socket is
// closed, so a client cannot keep one open by sending on and on.
const DRAIN_MS = 2_000

export async function sendWebResponse(response: Response, res: http.ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  const setCookies = response.headers.getSetCookie()
  if (setCookies.length) headers['set-cookie'] = setCookies
  const body = Buffer.from(await response.arrayBuffer())
  res.writeHead(response.status, { ...headers, 'content-length': String(body.byteLength) })
  res.end(body)
  if (!res.req.complete) setTimeout(() => res.req.complete || res.req.socket.destroy(), DRAIN_MS).unref()
}
