import { beforeAll, describe, expect, it } from 'vitest'
import { pool } from '@/lib/db'
import { seedTeamWithToken, uniqueSlug, type SeededTeam } from '@/lib/testing/seed-team'
import * as goals from '@/app/api/v1/goals/route'
import * as goal from '@/app/api/v1/goals/[id]/route'

let team: SeededTeam
let service: string

const call = (handler: typeof goals.POST, init: { method: string; body?: unknown; query?: string; id?: string }) => handler(
  new Request(`http://localhost/api/v1/goals${init.id ? `/${init.id}` : ''}${init.query ?? ''}`, {
    method: init.method, headers: { authorization: `Bearer ${team.token}`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  }),
  { params: Promise.resolve<Record<string, string>>(init.id ? { id: init.id } : {}) },
)
const post = (body: unknown) => call(goals.POST, { method: 'POST', body })

beforeAll(async () => {
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'goals')
  service = uniqueSlug('svc')
  await pool().query('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2)', [team.teamId, service])
})

describe('POST /api/v1/goals', () => {
  it('sets a team goal and a service goal, and a second POST replaces the target', async () => {
    expect((await post({ metric: 'changeFailureRate', target: 0.1 })).status).toBe(200)
    expect((await post({ service, metric: 'availability', target: 0.9995 })).status).toBe(200)
    const res = await post({ metric: 'changeFailureRate', target: 0.15 })
    expect((await res.json()).data).toMatchObject({ team: team.team, service: null, metric: 'changeFailureRate', target: 0.15 })
    const list = await (await call(goals.GET, { method: 'GET' })).json()
    expect(list.data.map((g: { service: string | null; metric: string; target: number }) => [g.service, g.metric, g.target])).toEqual([
      [null, 'changeFailureRate', 0.15], [service, 'availability', 0.9995],
    ])
  })

  it.each([
    [{ metric: 'mttr', target: 1 }, 'metric'],
    [{ metric: 'changeFailureRate', target: 10 }, 'target'], // a fraction: 10 % is 0.1
    [{ metric: 'leadTime', target: -1 }, 'target'],
    [{ metric: 'leadTime' }, 'target'],
    [{ metric: 'leadTime', target: 3600, service: 'no-such-service' }, 'service'],
    [{ metric: 'leadTime', target: 3600, colour: 'red' }, 'colour'],
  ])('%j is a 422 naming %s', async (body, field) => {
    const res = await post(body)
    expect(res.status).toBe(422)
    expect((await res.json()).error.fields.map((f: { path: string }) => f.path)).toContain(field)
  })

  it('DELETE removes a goal; a second DELETE is a 404', async () => {
    const { data } = await (await post({ metric: 'leadTime', target: 86_400 })).json()
    expect((await call(goal.DELETE, { method: 'DELETE', id: String(data.id) })).status).toBe(200)
    expect((await call(goal.DELETE, { method: 'DELETE', id: String(data.id) })).status).toBe(404)
  })
})
