// The receiving code of POST /api/webhooks/github (lib/github/receive-delivery.ts) behind a plain Node
// HTTP server, without Next.js: `npm run bench:webhooks -- --plain` measures what Next's request
// handling costs per delivery. A measuring tool only, not a way to run Plimsoll.
import http from 'node:http'
import { Readable } from 'node:stream'
import { receiveGithubDelivery } from '@/lib/github/receive-delivery'
import { errorResponse } from '@/lib/http/error-response'

async function answer(req: http.IncomingMessage): Promise<Response> {
  if (req.url === '/api/health') return new Response('ok')
  if (req.method !== 'POST' || req.url !== '/api/webhooks/github') return new Response('not found', { status: 404 })
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
  const request = new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers, body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } as RequestInit)
  try {
    return Response.json(await receiveGithubDelivery(request), { status: 202 })
  } catch (err) {
    return errorResponse(err)
  }
}

http.createServer((req, res) => {
  void answer(req).then(async (response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  })
}).listen(Number(process.env.PORT), '127.0.0.1')
