import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

const { pool, queryRows } = await import('@/lib/db')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { POST } = await import('@/app/api/v1/deployments/route')
const incidents = await import('@/app/api/v1/incidents/route')

// Idempotency-Key on the ingest POSTs, through the real route handler and PostgreSQL.
let token: string
let teamId: number
let tokenId: number
const ctx = { params: Promise.resolve({}) }

const post = (body: unknown, key?: string, path = '/api/v1/deployments') => new Request(`http://localhost${path}`, {
  method: 'POST', body: JSON.stringify(body),
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
})
const deployment = (service: string, extra: object = {}) => ({ id: 'd-1', service, environment: 'production', status: 'success', finishedAt: '2026-05-01T10:00:00Z', ...extra })
const logged = async () => (await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM ingest_log WHERE token_id = ${tokenId}`))[0]!.n

describe('Idempotency-Key', () => {
  beforeAll(async () => {
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'idem')
    ;({ token, teamId, tokenId } = team)
  })

  it('replays the first answer to a retry with the same key and body, without running it again', async () => {
    const service = uniqueSlug('idem')
    const before = await logged()
    const first = await POST(post(deployment(service), 'key-1'), ctx)
    const firstBody = await first.text()
    const retry = await POST(post(deployment(service), 'key-1'), ctx)
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await retry.text()).toBe(firstBody)
    expect(await logged()).toBe(before + 1)
    // without a key the same body is an ordinary replay of the deployment id: 200 unchanged
    const plain = await POST(post(deployment(service)), ctx)
    expect(plain.status).toBe(200)
  })

  it('refuses a key used for another body or another endpoint (422), and a malformed key', async () => {
    const service = uniqueSlug('idem')
    expect((await POST(post(deployment(service), 'key-2'), ctx)).status).toBe(201)
    const other = await POST(post(deployment(service, { status: 'failure' }), 'key-2'), ctx)
    expect(other.status).toBe(422)
    expect((await other.json()).error.message).toMatch(/already used for a different request/)
    const elsewhere = await incidents.POST(post({ id: 'i-1', service, title: 't', openedAt: '2026-05-01T10:00:00Z' }, 'key-2', '/api/v1/incidents'), ctx)
    expect(elsewhere.status).toBe(422)
    expect((await POST(post(deployment(service), 'spaces are not allowed'), ctx)).status).toBe(422)
  })

  it('answers 409 with Retry-After while the first request with the key runs, and forgets keys of failed requests', async () => {
    const service = uniqueSlug('idem')
    await pool().query(sql`INSERT INTO idempotency_key (team_id, key, method, path) VALUES (${teamId}, 'key-running', 'POST', '/api/v1/deployments')`)
    const busy = await POST(post(deployment(service), 'key-running'), ctx)
    expect(busy.status).toBe(409)
    expect(busy.headers.get('retry-after')).toBe('1')
    // a claim left by a request that died long ago is taken over
    await pool().query(sql`UPDATE idempotency_key SET created_at = now() - interval '10 minutes' WHERE team_id = ${teamId} AND key = 'key-running'`)
    expect((await POST(post(deployment(service), 'key-running'), ctx)).status).toBe(201)

    const invalid = await POST(post(deployment(service, { status: 'nope' }), 'key-3'), ctx)
    expect(invalid.status).toBe(422)
    const [row] = await queryRows(pool(), sql`SELECT 1 FROM idempotency_key WHERE team_id = ${teamId} AND key = 'key-3'`)
    expect(row).toBeUndefined()
    expect((await POST(post(deployment(uniqueSlug('idem')), 'key-3'), ctx)).status).toBe(201)
  })
})
