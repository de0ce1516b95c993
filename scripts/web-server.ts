// The production web process (npm start, Docker, the e2e and reliability suites): Next.js serves
// everything except GitHub's and GitLab's webhook deliveries, which reach their route handlers straight
// from node:http. Next's own request handling costs about as much CPU as the whole acknowledgement
// (docs/performance.md, GitHub webhooks), and on two cores that halves the deliveries one process can
// take; and the handler reads the raw body as it arrives, with nothing of Next's in between. The
// handlers are the same modules app/api/webhooks/*/route.ts export to Next, wrapper and all.
// Every answer gets the security headers here, at run time (lib/http/security-headers.ts).
//   tsx scripts/web-server.ts [-p PORT] [-H HOST]     (defaults: $PORT or 3000, $HOST or 0.0.0.0)
import http from 'node:http'
import { parseArgs } from 'node:util'
import next from 'next'
import { POST as receiveGithubWebhook } from '@/app/api/webhooks/github/route'
import { POST as receiveGitlabWebhook } from '@/app/api/webhooks/gitlab/route'
import { authEnv, authSecret } from '@/lib/auth/auth-env'
import { clientAddress } from '@/lib/http/client-address'
import { recordServerKeyring } from '@/lib/crypto/record-server-keyring'
import { rewriteForwardedHeaders } from '@/lib/http/forwarded-headers'
import { securityHeaders } from '@/lib/http/security-headers'
import { sendWebResponse, toWebRequest } from '@/lib/http/node-bridge'
import { logger } from '@/lib/logger'

const { values } = parseArgs({ options: { port: { type: 'string', short: 'p' }, hostname: { type: 'string', short: 'H' } } })
const port = Number(values.port ?? process.env.PORT ?? 3000)
const hostname = values.hostname ?? process.env.HOST ?? '0.0.0.0'
// as `next start` does: the app reads its own port (the first-admin link, lib/auth/print-first-admin-link.ts)
process.env.PORT = String(port)

const noParams = { params: Promise.resolve({}) }
const direct = new Map([['/api/webhooks/github', receiveGithubWebhook], ['/api/webhooks/gitlab', receiveGitlabWebhook]])

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

async function handleDirectly(handler: typeof receiveGithubWebhook, req: http.IncomingMessage, res: http.ServerResponse) {
  try {
    await sendWebResponse(await handler(toWebRequest(req), noParams), res)
  } catch (err) {
    // the route wrapper maps every error to an answer; this is a client gone mid-answer
    logger.warn({ err }, 'webhook answer failed')
    if (!res.headersSent) res.writeHead(500)
    res.end()
  }
}

// Per-address limits, sign-in limits and the audit log read X-Forwarded-For: it is rewritten here to the
// one address this server can vouch for, so a client cannot name its own (Next.js only fills it when absent).
const { PLIMSOLL_CLIENT_IP_HEADER: ipHeader, PLIMSOLL_TRUSTED_PROXIES: trustedProxies, PLIMSOLL_PUBLIC_URL: publicUrl } = authEnv()
function setClientAddress(req: http.IncomingMessage) {
  if (ipHeader.toLowerCase() !== 'x-forwarded-for') return // a proxy's own header (CF-Connecting-IP...) is the operator's to trust
  const address = clientAddress(req.headers['x-forwarded-for'], req.socket.remoteAddress, trustedProxies)
  if (address) req.headers['x-forwarded-for'] = address
  else delete req.headers['x-forwarded-for']
}

// Set before Next answers: Next keeps them, and a page's own CSP (proxy.ts) replaces the default one.
const headers = Object.entries(securityHeaders(publicUrl))

const server = http.createServer((req, res) => {
  setClientAddress(req)
  rewriteForwardedHeaders(req.headers, trustedProxies)
  for (const [name, value] of headers) res.setHeader(name, value)
  const handler = req.method === 'POST' ? direct.get(req.url ?? '') : undefined
  if (handler) void handleDirectly(handler, req, res)
  else void handleWithNext(req, res)
})
server.listen(port, hostname, () => console.log(`[plimsoll] web server listening on http://${hostname}:${port} (pid ${process.pid})`))
void recordServerKeyring()

const stop = () => {
  server.close()
  server.closeIdleConnections()
  void app.close().finally(() => process.exit(0))
  setTimeout(() => process.exit(0), 5_000).unref()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
