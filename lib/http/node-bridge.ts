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

// An answer given before the body was read whole (a 429, a 401, a 413): what still arrives is read and
// dropped (nothing of it reaches the app) for up to DRAIN_MS before the response ends. Ending at once would
// close the socket under a client still sending, whose kernel then resets the connection and may drop the
// answer with it (the client sees EPIPE, not the 413). After DRAIN_MS the socket is closed, so a client
// cannot keep one open by sending on and on.
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
  const req = res.req
  if (req.complete || req.destroyed) {
    res.end(body)
    return
  }
  res.write(body)
  // the route's body stream (Readable.toWeb) stops receiving; the rest is dropped as it comes
  req.removeAllListeners('data')
  req.on('data', () => undefined)
  const timer = setTimeout(() => {
    res.end()
    req.socket.destroy()
  }, DRAIN_MS).unref()
  req.once('end', () => {
    clearTimeout(timer)
    res.end()
  })
  req.resume()
}
