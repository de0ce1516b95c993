// The production web process (npm start, Docker, the e2e and reliability suites): Next.js serves
// everything except GitHub's webhook deliveries, which reach their route handler straight from
// node:http. Next's own request handling costs about as much CPU as the whole acknowledgement
// (docs/performance.md, GitHub webhooks), and on two cores that halves the deliveries one process can
// take. The handler is the same module app/api/webhooks/github/route.ts exports to Next, wrapper and all.
//   tsx scripts/web-server.ts [-p PORT] [-H HOST]     (defaults: $PORT or 3000, $HOST or 0.0.0.0)
import http from 'node:http'
import { parseArgs } from 'node:util'
import next from 'next'
import { POST as receiveGithubWebhook } from '@/app/api/webhooks/github/route'
import { authEnv, authSecret } from '@/lib/auth/auth-env'
import { clientAddress } from '@/lib/http/client-address'
import { securityHeaders } from '@/lib/http/security-headers'
import { sendWebResponse, toWebRequest } from '@/lib/http/node-bridge'
import { logger } from '@/lib/logger'

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } })
const port = Number(values.port ?? process.env.PORT ?? 3000)
const hostname = values.hostname ?? process.env.HOST ?? '0.0.0.0'
// as `next start` does: the app reads its own port (the first-admin link, lib/auth/print-first-admin-link.ts)
process.env.PORT = String(port)

// what next.config.ts adds to every /api answer, so the direct route answers the same
const apiHeaders = Object.fromEntries(
  securityHeaders(process.env.PLIMSOLL_PUBLIC_URL).flatMap((rule) => rule.headers).map((h) => [h.key, h.value]),
)
const noParams = { params: Promise.resolve({}) }

// every page needs a signed-in person: without a key to sign sessions with, refuse to start rather
// than answer each sign-in with an error
try {
  authSecret()
} catch (err) {
  console.error(`[plimsoll] ${(err as Error).message}`)
  process.exit(1)
}

const app = next({ dev: false, dir: process.cwd(), hostname, port })
const handleWithNext = app.getRequestHandler()
await app.prepare()

async function handleDirectly(req: http.IncomingMessage, res: http.ServerResponse) {
  try {
    await sendWebResponse(await receiveGithubWebhook(toWebRequest(req), noParams), res, apiHeaders)
  } catch (err) {
    // the route wrapper maps every error to an answer; this is a client gone mid-answer
    logger.warn({ err }, 'webhook answer failed')
    if (!res.headersSent) res.writeHead(500)
    res.end()
  }
}

// Per-address limits, sign-in limits and the audit log read X-Forwarded-For: it is rewritten here to the
// one address this server can vouch for, so a client cannot name its own (Next.js only fills it when absent).
const { PLIMSOLL_CLIENT_IP_HEADER: ipHeader, PLIMSOLL_TRUSTED_PROXIES: trustedProxies } = authEnv()
function setClientAddress(req: http.IncomingMessage) {
  if (ipHeader.toLowerCase() !== 'x-forwarded-for') return // a proxy's own header (CF-Connecting-IP...) is the operator's to trust
  const address = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedProxies)
  if (address) req.headers['x-forwarded-for'] = address
  else delete req.headers['x-forwarded-for']
}

const server = http.createServer((req, res) => {
  setClientAddress(req)
  if (req.method === 'POST' && req.url === '/api/webhooks/github') void handleDirectly(req, res)
  else void handleWithNext(req, res)
})
server.listen(port, hostname, () => console.log(`[plimsoll] web server listening on http://${hostname}:${port}`))

const stop = () => {
  server.close()
  server.closeIdleConnections()
  void app.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 5_000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
