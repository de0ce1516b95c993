import { z } from 'zod'

export type GitlabApi = { baseUrl: string; token: string; fetch?: typeof fetch }

const MAX_WAIT_MS = 60_000

// GET a GitLab REST v4 path (PRIVATE-TOKEN auth). 429 and 5xx answers are retried (Retry-After or
// RateLimit-Reset followed, up to a minute each, 5 attempts); other errors throw with GitLab's message.
export async function gitlabGet(api: GitlabApi, path: string): Promise<{ body: unknown; nextPage: string | null }> {
  const url = `${api.baseUrl.replace(/\/+$/, '')}/api/v4/${path}`
  for (let attempt = 1; ; attempt++) {
    const res = await (api.fetch ?? fetch)(url, { headers: { 'private-token': api.token, accept: 'application/json' } })
    if (res.ok) return { body: await res.json(), nextPage: res.headers.get('x-next-page') || null }
    if ((res.status === 429 || res.status >= 500) && attempt < 5) {
      const after = Number(res.headers.get('retry-after'))
      const reset = Number(res.headers.get('ratelimit-reset')) * 1000 - Date.now()
      await new Promise((r) => setTimeout(r, Math.min(MAX_WAIT_MS, after >= 0 && Number.isFinite(after) ? after * 1000 : reset > 0 ? reset : 1000 * 2 ** attempt)))
      continue
    }
    throw new Error(`GitLab GET ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`)
  }
}

// Every item of an offset-paginated list (X-Next-Page), 100 a page, parsed with `item`.
export async function gitlabList<T extends z.ZodType>(api: GitlabApi, path: string, query: Record<string, string>, item: T): Promise<z.infer<T>[]> {
  const items: z.infer<T>[] = []
  let page: string | null = '1'
  while (page) {
    const q = new URLSearchParams({ ...query, per_page: '100', page })
    const res: { body: unknown; nextPage: string | null } = await gitlabGet(api, `${path}?${q}`)
    items.push(...z.array(item).parse(res.body))
    page = res.nextPage
  }
  return items
}
