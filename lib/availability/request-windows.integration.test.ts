import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { POST as postAvailability } from '@/app/api/v1/availability/route'
import { GET as getMetrics } from '@/app/api/v1/metrics/route'
import { POST as postSlo } from '@/app/api/v1/slos/route'
import { callRoute } from '@/lib/testing/call-route'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import type { RequestSlo } from '@/lib/metrics/request-slo'

// Issue 27's request-count scenario, through the route handlers: a month of four-hour windows with a known
// number of failed requests gives the exact availability and remaining budget; sending every window again
// changes nothing; a window overlapping others replaces them.
let token: string
beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'requests')).token
})

const call = (handler: Parameters<typeof callRoute>[1], method: string, path: string, body?: unknown) => callRoute(token, handler, method, path, body)
const post = (body: unknown) => call(postAvailability, 'POST', '/api/v1/availability', body)

const H = 3_600_000
const W = 4 * H
// 178 four-hour windows ending at the last whole hour (29.7 days): inside a rolling 30 days even if the hour turns
// during the test, and few enough for the ingest rate limit (600 a token) when all are sent twice
const lastHour = Math.floor(Date.now() / H) * H
const windows = Array.from({ length: 178 }, (_, i) => lastHour - (178 - i) * W)
// every window 4,000 requests; 10 windows without traffic; 5 windows with 3 failures each: 15 failed of 672,000
const quiet = new Set(windows.filter((_, i) => i % 17 === 3).slice(0, 10))
const failing = new Set(windows.filter((w, i) => i % 30 === 10 && !quiet.has(w)).slice(0, 5))
const windowAt = (service: string, from: number) => ({
  service, indicator: 'requests', from: new Date(from).toISOString(), to: new Date(from + W).toISOString(),
  total: quiet.has(from) ? 0 : 4000, good: quiet.has(from) ? 0 : failing.has(from) ? 3997 : 4000,
})

async function sloOf(service: string) {
  const r = await call(getMetrics, 'GET', `/api/v1/metrics?service=${service}&from=${new Date(lastHour - 30 * 24 * H).toISOString()}&to=${new Date(lastHour).toISOString()}`)
  expect(r.status).toBe(200)
  const [entry] = (r.json as unknown as { metrics: { availability: { summary: { services: { slo: { indicator: string; requests: RequestSlo } }[] } } } }).metrics.availability.summary.services
  return entry!.slo
}

describe('request-based availability pushed through POST /api/v1/availability', () => {
  it('a month of windows gives the exact availability and remaining budget; the same windows again change nothing', async () => {
    expect([quiet.size, failing.size]).toEqual([10, 5])
    const service = uniqueSlug('req')
    expect((await call(postSlo, 'POST', '/api/v1/slos', { service, target: 99.99 })).status).toBe(200)
    const first = []
    for (const w of windows) first.push((await post(windowAt(service, w))).status)
    expect(first.every((s) => s === 201)).toBe(true)

    const expected = { goodRequests: 671_985, totalRequests: 672_000, failedRequests: 15, availability: 671_985 / 672_000 }
    const slo = await sloOf(service)
    expect(slo.indicator).toBe('requests') // set to neither: requests once any are recorded
    expect(slo.requests).toMatchObject(expected)
    // 0.01 % of 672,000 requests may fail: 67.2, of which 15 spent
    expect(slo.requests.budget).toEqual({ totalRequests: 67.2, spentRequests: 15, remainingRequests: 52.2, remainingRatio: 52.2 / 67.2 })

    const again = []
    for (const w of windows) again.push(await post(windowAt(service, w)))
    expect(again.map((r) => [r.status, r.json.outcome])).toEqual(windows.map(() => [200, 'unchanged']))
    expect((await sloOf(service)).requests).toEqual(slo.requests)
    const { rows } = await pool().query('SELECT count(*)::int AS n FROM request_window w JOIN service s ON s.id = w.service_id WHERE s.slug = $1', [service])
    expect(rows[0].n).toBe(178)

    // an eight-hour window over two stored ones (one with 3 failures) replaces both, never adds to them
    const f = [...failing][0]!
    const wide = await post({ service, indicator: 'requests', from: new Date(f).toISOString(), to: new Date(f + 2 * W).toISOString(), good: 7990, total: 8000 })
    expect([wide.status, wide.json.outcome, wide.json.data.replacedWindows]).toEqual([200, 'updated', 2])
    expect((await sloOf(service)).requests).toMatchObject({ goodRequests: 671_985 - 3997 - 4000 + 7990, totalRequests: 672_000, failedRequests: 22 })
  }, 180_000)

  const ok = { service: 'svc', indicator: 'requests', from: '2026-05-01T10:00:00Z', to: '2026-05-01T10:01:00Z', good: 5, total: 10 }
  it.each([
    [{ good: 11 }, 'good'],
    [{ to: '2026-05-01T10:00:30Z' }, 'to'],
    [{ to: '2026-05-01T09:59:00Z' }, 'to'],
    [{ from: '2026-05-01T10:00:15Z', to: '2026-05-01T10:02:00Z' }, 'from'],
    [{ total: -1, good: 0 }, 'total'],
    [{ total: 1.5 }, 'total'],
    [{ indicator: 'request' }, 'indicator'],
    [{ to: '2999-01-01T00:00:00Z' }, 'to'],
    [{ from: '2026-01-01T00:00:00Z' }, 'to'], // longer than 31 days
    [{ colour: 'red' }, 'colour'],
  ])('422 naming the bad field (%#)', async (over, field) => {
    const r = await post({ ...ok, ...over })
    expect([r.status, r.json.error?.fields?.map((f) => f.path)]).toEqual([422, [field]])
  })
})
