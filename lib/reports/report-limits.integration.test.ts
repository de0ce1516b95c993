import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { rateLimits } from '@/lib/http/rate-limit'
import { seedTeamWithToken, type SeededTeam } from '@/lib/testing/seed-team'
import { jsonRequest, signedInPerson } from '@/lib/testing/signed-in-person'

const api = await import('@/app/api/v1/reports/quarterly/route')
const dashboard = await import('@/app/api/dashboard/reports/route')

// Each report build reads a quarter of metrics and is stored for good: builds are limited per caller
// (the API's token, the Reports page's person), and the same bytes are stored once.
const ctx = { params: Promise.resolve({}) }
const burst = rateLimits.reportsPerCaller.capacity
let team: SeededTeam

beforeAll(async () => {
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'reportlimit')
})

const storedFor = async (teamSlug: string) =>
  (await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM report WHERE team = $1`, [teamSlug])).rows[0]!.n

describe('report builds', () => {
  it(`a token builds ${burst} at once, then gets 429 with Retry-After; the same report is stored once`, async () => {
    const get = () => api.GET(new Request(`http://test/api/v1/reports/quarterly?year=2026&quarter=1&format=csv`, { headers: { authorization: `Bearer ${team.token}` } }), ctx)
    for (let i = 0; i < burst; i++) {
      const res = await get()
      expect(res.status).toBe(200)
      await res.arrayBuffer()
    }
    const limited = await get()
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // let the last stored promise settle
    await new Promise((r) => setTimeout(r, 200))
    expect(await storedFor(team.team)).toBe(1)
  })

  it(`a person building on the Reports page gets 429 after ${burst}`, async () => {
    const person = await signedInPerson('admin')
    const build = () => dashboard.POST(jsonRequest('POST', '/api/dashboard/reports', person.cookie, { team: team.team, year: 2026, quarter: 2, format: 'json' }), ctx)
    const statuses: number[] = []
    for (let i = 0; i <= burst; i++) statuses.push((await build()).status)
    expect(statuses.slice(0, burst).every((s) => s === 201)).toBe(true)
    expect(statuses[burst]).toBe(429)
  })
})
