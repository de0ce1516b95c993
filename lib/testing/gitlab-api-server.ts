import http from 'node:http'
import type { AddressInfo } from 'node:net'

// GitLab's REST API (v4) for one project, acme/shop, served from responses shaped like the API docs'
// examples ("Deployments", "Merge requests", "Issues", "Repositories: compare"): nothing leaves the machine.
export const [c1, cx, c2, c3] = ['1', 'a', '2', '3'].map((c) => c.repeat(40)) as [string, string, string, string]
const deployable = (id: number, started: string, finished: string) => ({ id, status: 'success', started_at: started, finished_at: finished, web_url: `https://gitlab.example.com/acme/shop/-/jobs/${id}` })
const deployment = (id: number, status: string, sha: string, created: string, finished: string) => ({
  id, iid: id - 40, ref: 'main', sha, status, created_at: created, updated_at: finished, user: { id: 1, username: 'root' },
  environment: { id: 9, name: 'production', external_url: 'https://shop.example.com' }, deployable: deployable(id + 700, created, finished),
})
// oldest first, two pages: 41 (c1) and 42 (c2) succeeded, 43 (c3) failed; times with offsets
const deployments = [
  [deployment(41, 'success', c1, '2026-03-01T10:00:00.000+01:00', '2026-03-01T10:05:00.000+01:00'), deployment(42, 'success', c2, '2026-03-02T10:00:00.000Z', '2026-03-02T10:06:30.000Z')],
  [deployment(43, 'failed', c3, '2026-03-03T10:00:00.000Z', '2026-03-03T10:02:00.000Z')],
]
export const compared = [{ id: cx, title: 'add search', committed_date: '2026-03-01T12:00:00.000+00:00', authored_date: '2026-03-01T11:00:00.000+00:00' }, { id: c2, title: 'fix search', committed_date: '2026-03-02T09:00:00.000+02:00', authored_date: '2026-03-02T09:00:00.000+02:00' }]
const mergeRequests = [{
  id: 700, iid: 7, state: 'merged', created_at: '2026-03-01T13:00:00.000Z', updated_at: '2026-03-02T08:30:00.000Z', merged_at: '2026-03-02T08:30:00.000Z',
  merge_commit_sha: c2, squash_commit_sha: null, sha: cx, title: 'Faster search', web_url: 'https://gitlab.example.com/acme/shop/-/merge_requests/7',
  labels: ['search'], author: { id: 5, username: 'alice' },
}]
// !7's notes ("Notes" API; system notes are GitLab's own): marked ready at 13:30, a comment, approved by bob (6) at 07:00 UTC
const note = (body: string, at: string, author: number, system = true) =>
  ({ id: Math.floor(Math.random() * 1e6), body, system, created_at: at, author: { id: author } })
export const mergeRequestNotes = [
  note('marked this merge request as **ready**', '2026-03-01T13:30:00.000Z', 5), note('looks good', '2026-03-01T15:00:00.000Z', 6, false),
  note('approved this merge request', '2026-03-02T09:00:00.000+02:00', 6),
]
const incidents = [{ id: 1100, iid: 11, title: 'checkout down', issue_type: 'incident', state: 'closed', created_at: '2026-03-02T11:00:00.000Z', closed_at: '2026-03-02T12:30:00.000Z', web_url: 'https://gitlab.example.com/acme/shop/-/issues/11', severity: 'HIGH' }]

export function startGitlabApiServer(token: string) {
  const hits: string[] = []
  let rateLimitOnce = true
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x')
    hits.push(`${url.pathname}?${url.searchParams}`)
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
    if (req.headers['private-token'] !== token) return json(401, { message: '401 Unauthorized' })
    const page = Number(url.searchParams.get('page') ?? 1)
    switch (url.pathname) {
      case '/api/v4/projects/acme%2Fshop/deployments':
        if (rateLimitOnce) {
          rateLimitOnce = false
          return json(429, { message: 'Retry later' }, { 'retry-after': '0' })
        }
        return json(200, deployments[page - 1] ?? [], page < deployments.length ? { 'x-next-page': String(page + 1) } : { 'x-next-page': '' })
      case '/api/v4/projects/acme%2Fshop/repository/compare':
        return url.searchParams.get('from') === c1 && url.searchParams.get('to') === c2 ? json(200, { commit: compared[1], commits: compared, diffs: [] }) : json(404, { message: '404 Not found' })
      case '/api/v4/projects/acme%2Fshop/merge_requests':
        return json(200, mergeRequests)
      case '/api/v4/projects/acme%2Fshop/merge_requests/7/notes':
        return json(200, mergeRequestNotes)
      case '/api/v4/projects/acme%2Fshop/issues':
        return json(200, url.searchParams.get('issue_type') === 'incident' ? incidents : [])
      default:
        return json(404, { message: '404 Not found' })
    }
  })
  return new Promise<{ url: string; hits: string[]; close: () => Promise<void> }>((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise((r) => server.close(() => r())),
  })))
}
