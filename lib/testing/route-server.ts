import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

type RouteHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>
// Sees every request before the route does: answer it, or call `forward` (the real route) and return that
// or something else (an answer lost after the write).
export type Intercept = (n: number, req: Request, forward: () => Promise<Response>) => Promise<Response>

// A real HTTP server in front of Next.js route handlers ("POST /api/v1/deployments" -> POST), for
// clients that must be tested over the wire, such as the plimsoll command.
export async function startRouteServer(routes: Record<string, RouteHandler>) {
  let intercept: Intercept | undefined
  let count = 0
  const server = createServer(async (incoming, res) => {
    const req = await toRequest(incoming)
    const route = routes[`${req.method} ${new URL(req.url).pathname}`]
    const forward = () => (route ? route(req, { params: Promise.resolve({}) }) : Promise.resolve(Response.json({ error: { code: 'NOT_FOUND', message: 'no route' } }, { status: 404 })))
    try {
      const answer = intercept ? await intercept(++count, req, forward) : await forward()
      res.writeHead(answer.status, Object.fromEntries(answer.headers))
      res.end(Buffer.from(await answer.arrayBuffer()))
    } catch (err) {
      res.writeHead(500).end(String(err))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    intercept(fn?: Intercept) {
      intercept = fn
      count = 0
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = []
  for await (const chunk of incoming) chunks.push(chunk as Buffer)
  const headers = new Headers()
  for (const [k, v] of Object.entries(incoming.headers)) if (typeof v === 'string') headers.set(k, v)
  const body = chunks.length ? Buffer.concat(chunks) : undefined
  return new Request(`http://${incoming.headers.host}${incoming.url}`, { method: incoming.method, headers, body: incoming.method === 'GET' ? undefined : body })
}
