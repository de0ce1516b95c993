import http from 'node:http'
import type { AddressInfo } from 'node:net'

// GitHub's REST API served from recorded-shape responses on a local server: nothing leaves the machine.
const sha = (c: string) => c.repeat(40)
export const [c1, cx, c2, c3] = [sha('1'), sha('a'), sha('2'), sha('3')]
const deployment = (id: number, s: string, day: string) => ({
  id, sha: s, ref: 'main', environment: 'production', created_at: `2026-03-${day}T10:00:00Z`, creator: { login: 'octocat' }, production_environment: true,
})
const deployments = [deployment(303, c3, '03'), deployment(302, c2, '02'), deployment(301, c1, '01'), { ...deployment(300, c1, '01'), created_at: '2025-01-01T10:00:00Z' }]
const status = (state: string, day: string) => [{ state, created_at: `2026-03-${day}T10:05:00Z`, environment: 'production', log_url: null, target_url: null }]
export const commitTimes: Record<string, string> = { [c1]: '2026-03-01T08:00:00Z', [cx]: '2026-03-01T12:00:00Z', [c2]: '2026-03-02T09:00:00Z' }
const commit = (s: string, at: string) => ({ sha: s, commit: { message: `commit ${s.slice(0, 7)}`, author: { date: at }, committer: { date: at } } })

// A small repository acme/shop: deployments 301 (c1, success), 302 (c2, success; its statuses answer
// 403 rate-limited once), 303 (c3, failure) in March 2026 and 300 from 2025; c2 carries cx and c2.
export function startGithubApiServer() {
  const hits = new Map<string, number>()
  let rateLimitOnce = true
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x')
    const key = url.pathname + (url.searchParams.get('page') ? `?page=${url.searchParams.get('page')}` : '')
    hits.set(key, (hits.get(key) ?? 0) + 1)
    const json = (body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '4990', ...headers })
      res.end(JSON.stringify(body))
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    switch (url.pathname) {
      case '/repos/acme/shop/deployments':
        // two per page, newest first, with GitHub's Link header
        return url.searchParams.get('page') === '2'
          ? json(deployments.slice(2))
          : json(deployments.slice(0, 2), { link: `<${base}/repos/acme/shop/deployments?per_page=100&page=2>; rel="next"` })
      case '/repos/acme/shop/deployments/301/statuses': return json(status('success', '01'))
      case '/repos/acme/shop/deployments/302/statuses':
        if (rateLimitOnce) {
          rateLimitOnce = false
          res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) })
          return res.end(JSON.stringify({ message: 'API rate limit exceeded' }))
        }
        return json(status('success', '02'))
      case '/repos/acme/shop/deployments/303/statuses': return json(status('failure', '03'))
      case `/repos/acme/shop/commits/${c1}`: return json(commit(c1, commitTimes[c1]!))
      case `/repos/acme/shop/compare/${c1}...${c2}`: return json({ commits: [commit(cx, commitTimes[cx]!), commit(c2, commitTimes[c2]!)] })
      default:
        res.writeHead(404, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ message: `Not Found: ${url.pathname}` }))
    }
  })
  return {
    hits,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// The same history as webhook payloads: one push of c1, cx, c2, then each deployment's final status.
export const historyAsWebhooks = [
  { event: 'push', payload: { ref: 'refs/heads/main', after: c2, repository: { full_name: 'acme/shop', html_url: 'https://github.com/acme/shop', default_branch: 'main' },
    commits: [c1, cx, c2].map((id) => ({ id, message: `commit ${id.slice(0, 7)}`, timestamp: commitTimes[id]! })) } },
  ...deployments.slice(0, 3).reverse().map((d) => ({ event: 'deployment_status', payload: {
    action: 'created', deployment: d, repository: { full_name: 'acme/shop', html_url: 'https://github.com/acme/shop' },
    deployment_status: { ...status(d.id === 303 ? 'failure' : 'success', d.created_at.slice(8, 10))[0] },
  } })),
]
