import { createHash, randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

// GitHub's REST API served from recorded-shape responses on a local server: nothing leaves the machine.
const sha = (c: string) => c.repeat(40)
export const [c1, cx, c2, c3] = [sha('1'), sha('a'), sha('2'), sha('3')]
const repository = { full_name: 'acme/shop', html_url: 'https://github.com/acme/shop', default_branch: 'main' }
const deployment = (id: number, s: string, day: string) => ({
  id, sha: s, ref: 'main', environment: 'production', created_at: `2026-03-${day}T10:00:00Z`, creator: { login: 'octocat' }, production_environment: true,
})
const deployments = [deployment(303, c3, '03'), deployment(302, c2, '02'), deployment(301, c1, '01'), { ...deployment(300, c1, '01'), created_at: '2025-01-01T10:00:00Z' }]
const status = (state: string, day: string) => [{ state, created_at: `2026-03-${day}T10:05:00Z`, environment: 'production', log_url: null, target_url: null }]
export const commitTimes: Record<string, string> = { [c1]: '2026-03-01T08:00:00Z', [cx]: '2026-03-01T12:00:00Z', [c2]: '2026-03-02T09:00:00Z' }
const commit = (s: string, at: string) => ({ sha: s, commit: { message: `commit ${s.slice(0, 7)}`, author: { date: at }, committer: { date: at } } })
// the files each commit touched (GET /commits/{sha} has them; a compare's commits do not): a monorepo
export const commitFiles: Record<string, string[]> = { [c1]: ['services/api/main.go'], [cx]: ['services/web/app.tsx'], [c2]: ['services/api/handler.go', 'README.md'] }

// Pull requests, most recently updated first: #7 merged as c2, #8 closed unmerged, #5 merged long ago.
const pull = (number: number, created: string, merged: string | null, mergeSha: string | null) => ({ number, created_at: created, updated_at: merged ?? created, merged_at: merged, merge_commit_sha: mergeSha })
export const pulls = [
  { ...pull(7, '2026-03-01T13:00:00Z', '2026-03-02T09:30:00Z', c2), closed_at: '2026-03-02T09:30:00Z', title: 'Faster checkout', draft: false,
    html_url: 'https://github.com/acme/shop/pull/7', user: { login: 'alice', type: 'User' }, labels: [{ name: 'checkout' }] },
  pull(8, '2026-03-01T14:00:00Z', null, null), pull(5, '2025-01-01T09:00:00Z', '2025-01-02T09:00:00Z', sha('5'))]
// #7 in full (GET /pulls/7 has its size), opened as a draft, ready at 13:30, reviewed by bob at 15:00 (alice's
// own comment and a bot's review do not count), approved by carol the next morning; its first commit is cx.
export const pull7 = { ...pulls[0]!, additions: 120, deletions: 30, changed_files: 4 }
const reviewed = (login: string, state: string, at: string, type = 'User') => ({ event: 'reviewed', state, submitted_at: at, user: { login, type } })
export const pull7Timeline = [
  { event: 'ready_for_review', created_at: '2026-03-01T13:30:00Z' }, reviewed('alice', 'commented', '2026-03-01T13:40:00Z'),
  reviewed('lint-bot[bot]', 'commented', '2026-03-01T13:45:00Z', 'Bot'), reviewed('bob', 'changes_requested', '2026-03-01T15:00:00Z'),
  { event: 'committed', sha: c2 }, reviewed('carol', 'approved', '2026-03-02T08:00:00Z'),
]
// Issues labelled incident, least recently updated first: #11 names c2 and was closed, #12 is open; #13 is a pull request.
const issue = (number: number, opened: string, closed: string | null, body: string) => ({
  number, title: `checkout down #${number}`, body, html_url: `https://github.com/acme/shop/issues/${number}`, state: closed ? 'closed' : 'open',
  created_at: opened, updated_at: closed ?? opened, closed_at: closed, labels: [{ name: 'incident' }],
})
export const issues = [issue(11, '2026-03-02T11:00:00Z', '2026-03-02T12:30:00Z', `Caused by ${c2}`), issue(12, '2026-03-03T11:00:00Z', null, 'errors up'),
  { ...issue(13, '2026-03-03T12:00:00Z', null, ''), pull_request: { url: 'x' } }]

// A small repository acme/shop: deployments 301 (c1, success), 302 (c2, success; its statuses answer
// 403 rate-limited once), 303 (c3, failure) in March 2026 and 300 from 2025; c2 carries cx and c2;
// pull requests and incident issues above; a webhook (77) whose log shows one failed delivery (302's
// success). Every JSON answer has an ETag and answers 304 to a matching If-None-Match. A GitHub App
// installation (42) gets the token `ghs_installation`. Any organisation has a webhook (88) whose log shows
// the same failed delivery for <org>/shop.
export function startGithubApiServer() {
  const hits = new Map<string, number>()
  const notModified = new Map<string, number>()
  const authorizations: string[] = []
  const [missedGuid, deliveredGuid, orgMissedGuid] = [randomUUID(), randomUUID(), randomUUID()]
  let rateLimitOnce = true
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x')
    const key = url.pathname + (url.searchParams.get('page') ? `?page=${url.searchParams.get('page')}` : '')
    hits.set(key, (hits.get(key) ?? 0) + 1)
    authorizations.push(req.headers.authorization ?? '')
    const json = (body: unknown, headers: Record<string, string> = {}, statusCode = 200) => {
      const text = JSON.stringify(body)
      const etag = `"${createHash('sha1').update(text).digest('hex')}"`
      if (req.headers['if-none-match'] === etag) {
        notModified.set(key, (notModified.get(key) ?? 0) + 1)
        res.writeHead(304, { etag, 'x-ratelimit-remaining': '4990' })
        return res.end()
      }
      res.writeHead(statusCode, { 'content-type': 'application/json', 'x-ratelimit-remaining': '4990', etag, ...headers })
      res.end(text)
    }
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    // any organisation's webhook (88): its log shows 302's success failed, for <org>/shop
    const org = /^\/orgs\/([^/]+)\/hooks(\/88\/deliveries(\/9002)?)?$/.exec(url.pathname)
    // any organisation's repositories: shop, and an archived one
    const orgRepos = /^\/orgs\/([^/]+)\/repos$/.exec(url.pathname)
    if (req.method === 'GET' && orgRepos) return json([{ full_name: `${orgRepos[1]}/shop` }, { full_name: `${orgRepos[1]}/old`, archived: true }])
    if (req.method === 'GET' && org) {
      if (!org[2]) return json([{ id: 88, config: { url: 'https://plimsoll.example/api/webhooks/github' } }])
      const log = hookDeliveries(orgMissedGuid, deliveredGuid)
      const payload = { ...historyAsWebhooks[2]!.payload, repository: { ...repository, full_name: `${org[1]}/shop` } }
      return json(org[3] ? { ...log[0], request: { headers: {}, payload } } : log)
    }
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /repos/acme/shop/deployments':
        // two per page, newest first, with GitHub's Link header
        return url.searchParams.get('page') === '2'
          ? json(deployments.slice(2))
          : json(deployments.slice(0, 2), { link: `<${base}/repos/acme/shop/deployments?per_page=100&page=2>; rel="next"` })
      case 'GET /repos/acme/shop/deployments/301/statuses': return json(status('success', '01'))
      case 'GET /repos/acme/shop/deployments/302/statuses':
        if (rateLimitOnce) {
          rateLimitOnce = false
          res.writeHead(403, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) })
          return res.end(JSON.stringify({ message: 'API rate limit exceeded' }))
        }
        return json(status('success', '02'))
      case 'GET /repos/acme/shop/deployments/303/statuses': return json(status('failure', '03'))
      case `GET /repos/acme/shop/commits/${c1}`: case `GET /repos/acme/shop/commits/${cx}`: case `GET /repos/acme/shop/commits/${c2}`: {
        const s = url.pathname.split('/').pop()!
        return json({ ...commit(s, commitTimes[s]!), files: commitFiles[s]!.map((filename) => ({ filename, status: 'modified' })) })
      }
      case `GET /repos/acme/shop/compare/${c1}...${c2}`: return json({ commits: [commit(cx, commitTimes[cx]!), commit(c2, commitTimes[c2]!)] })
      case 'GET /repos/acme/shop/pulls': return json(pulls)
      case 'GET /repos/acme/shop/pulls/7': return json(pull7)
      case 'GET /repos/acme/shop/pulls/7/commits':
        return json([commit(cx, commitTimes[cx]!), commit(c2, commitTimes[c2]!)].slice(0, Number(url.searchParams.get('per_page') ?? 30)))
      case 'GET /repos/acme/shop/issues/7/timeline': return json(pull7Timeline)
      case 'GET /repos/acme/shop/issues': {
        const since = url.searchParams.get('since')
        return json(issues.filter((i) => !since || i.updated_at >= since))
      }
      case 'GET /repos/acme/shop/hooks': return json([{ id: 76, config: { url: 'https://ci.example/hook' } }, { id: 77, config: { url: 'https://plimsoll.example/api/webhooks/github' } }])
      case 'GET /repos/acme/shop/hooks/77/deliveries': return json(hookDeliveries(missedGuid, deliveredGuid))
      case 'GET /repos/acme/shop/hooks/77/deliveries/9002':
        return json({ ...hookDeliveries(missedGuid, deliveredGuid)[0], request: { headers: {}, payload: historyAsWebhooks[2]!.payload } })
      case 'POST /app/installations/42/access_tokens':
        return json({ token: 'ghs_installation', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: 'all' }, {}, 201)
      default:
        res.writeHead(404, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ message: `Not Found: ${req.method} ${url.pathname}` }))
    }
  })
  return {
    hits, notModified, authorizations, missedGuid, orgMissedGuid,
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    start: () => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// The hook's log, newest first: 302's success failed twice (502, then a timeout), 301's arrived.
const hookDeliveries = (missedGuid: string, deliveredGuid: string) => [
  { id: 9002, guid: missedGuid, delivered_at: '2026-03-02T10:06:00Z', status_code: 0, event: 'deployment_status', action: 'created' },
  { id: 9001, guid: missedGuid, delivered_at: '2026-03-02T10:05:01Z', status_code: 502, event: 'deployment_status', action: 'created' },
  { id: 9000, guid: deliveredGuid, delivered_at: '2026-03-01T10:05:01Z', status_code: 202, event: 'deployment_status', action: 'created' },
]

// #7 as it was, still open, at `updatedAt`
const open7 = (updatedAt: string) => ({ ...pull7, merged_at: null, closed_at: null, updated_at: updatedAt })

// The same history as webhook payloads: one push of c1, cx, c2, each deployment's final status, the
// merged pull request and the incident issues.
export const historyAsWebhooks: { event: string; payload: Record<string, unknown> }[] = [
  { event: 'push', payload: { ref: 'refs/heads/main', after: c2, repository,
    commits: [c1, cx, c2].map((id) => ({ id, message: `commit ${id.slice(0, 7)}`, timestamp: commitTimes[id]! })) } },
  ...deployments.slice(0, 3).reverse().map((d) => ({ event: 'deployment_status', payload: {
    action: 'created', deployment: d, repository,
    deployment_status: { ...status(d.id === 303 ? 'failure' : 'success', d.created_at.slice(8, 10))[0] },
  } })),
  { event: 'pull_request', payload: { action: 'opened', pull_request: { ...open7(pull7.created_at), draft: true }, repository } },
  { event: 'pull_request', payload: { action: 'ready_for_review', pull_request: open7('2026-03-01T13:30:00Z'), repository } },
  ...pull7Timeline.filter((e) => e.event === 'reviewed').map((r) => ({ event: 'pull_request_review', payload: {
    action: 'submitted', review: r, pull_request: open7((r as { submitted_at: string }).submitted_at), repository,
  } })),
  { event: 'pull_request', payload: { action: 'closed', pull_request: pull7, repository } },
  ...issues.slice(0, 2).map((i) => ({ event: 'issues', payload: { action: i.state === 'closed' ? 'closed' : 'opened', issue: i, repository } })),
]
