import type { GitHubClient } from '@/lib/github/github-client'
import { getCachedResponse, putCachedResponse } from '@/lib/queries/github-etags'

export type ConditionalStats = { notModified: number }

// Conditional GETs for a connection: each URL's last ETag is sent as If-None-Match, and a 304 (which
// GitHub does not count against the rate limit) answers with the body stored with that ETag. Octokit
// reports a 304 as an error; it is turned back into the cached response here, outside the retry and
// throttling plugins, with the cached Link header so pagination goes on.
export function enableConditionalRequests(github: GitHubClient, connectionId: number): ConditionalStats {
  const stats: ConditionalStats = { notModified: 0 }
  github.hook.wrap('request', async (request, options) => {
    if (options.method !== 'GET') return request(options)
    const url = github.request.endpoint(options).url
    const cached = await getCachedResponse(connectionId, url)
    if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag }
    try {
      const res = await request(options)
      const etag = res.headers.etag
      if (etag) await putCachedResponse(connectionId, url, { etag, body: res.data, link: res.headers.link ?? null })
      return res
    } catch (err) {
      const e = err as { status?: number; response?: { headers: Record<string, string | number | undefined> } }
      if (!cached || e.status !== 304) throw err
      stats.notModified++
      return { status: 200, url, headers: { ...e.response?.headers, link: cached.link ?? undefined }, data: cached.body }
    }
  })
  return stats
}
