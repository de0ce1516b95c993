import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool, queryRows } = await import('@/lib/db')
const { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } = await import('@/lib/testing/seed-team')
const { addRolloutSource, rolloutSourcesFor } = await import('@/lib/settings/manage-rollout-sources')
const { POST: postWithHeader } = await import('@/app/api/webhooks/rollouts/[source]/route')
const { POST: postWithPath } = await import('@/app/api/webhooks/rollouts/[source]/[token]/route')

// The tools' payloads (lib/rollout-sources/fixtures/README.md) posted one by one to the real routes, into the real database.
const bodies = (path: string) => (JSON.parse(readFileSync(`lib/rollout-sources/fixtures/${path}`, 'utf8')) as unknown[]).map((b) => JSON.stringify(b))
const who = { actor: { userId: null, email: 'test@example.com', role: 'admin' }, ip: null, userAgent: null } as never

type Posted = { status: number; body: { data?: { state: string; deployment: string | null; note: string | null }; error?: { code: string } } }
async function post(sourceId: number, body: string, auth: { header?: Record<string, string>; pathToken?: string }): Promise<Posted> {
  const init = { method: 'POST', body, headers: { 'content-type': 'application/json', ...auth.header } }
  const res = auth.pathToken === undefined
    ? await postWithHeader(new Request(`http://localhost/api/webhooks/rollouts/${sourceId}`, init), { params: Promise.resolve({ source: String(sourceId) }) })
    : await postWithPath(new Request(`http://localhost/api/webhooks/rollouts/${sourceId}/${auth.pathToken}`, init),
      { params: Promise.resolve({ source: String(sourceId), token: auth.pathToken }) })
  return { status: res.status, body: await res.json() }
}

type Stored = {
  externalId: string; status: string; strategy: string; version: string | null; startedAt: Date | null; finishedAt: Date | null; readyAt: Date | null
  promotedAt: Date | null; abortedAt: Date | null; maxWeight: number | null; steps: { weight: number; startedAt: string }[] | null; updatedAt: Date
}
const deploymentsOf = (teamId: number, service: string) => queryRows<Stored>(pool(), sql`
  SELECT d.external_id AS "externalId", d.status::text AS status, d.strategy::text AS strategy, d.version, d.started_at AS "startedAt",
    d.finished_at AS "finishedAt", d.ready_at AS "readyAt", d.promoted_at AS "promotedAt", d.aborted_at AS "abortedAt", d.max_weight AS "maxWeight",
    d.rollout_steps AS steps, d.updated_at AS "updatedAt"
  FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.team_id = ${teamId} AND s.slug = ${service} ORDER BY d.started_at`)
const eventCount = async (sourceId: number) => (
  await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM rollout_source_event WHERE source_id = ${sourceId}`)
)[0]!.n

async function newSource(kind: 'flagger' | 'argo_rollouts') {
  const seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'rollouts')
  const source = await addRolloutSource(tokenPrincipalOf(seeded), who, { team: seeded.team, kind, name: uniqueSlug(kind) })
  return { seeded, source }
}
const t = (iso: string) => new Date(iso)
const steps = (...s: [number, string][]) => s.map(([weight, at]) => ({ weight, startedAt: t(at).toISOString() }))

describe('Flagger event webhooks', () => {
  it('a promoted and a rolled-back canary of the docs become two deployments: steps, readiness, promotion, abort and blast radius', async () => {
    const { seeded, source } = await newSource('flagger')
    expect(source.tokenPath).toBe(`/api/webhooks/rollouts/${source.id}/${source.token}`)
    const sent = [...bodies('flagger/canary-promoted.json'), ...bodies('flagger/canary-rolled-back.json')]
    const states: string[] = []
    for (const body of sent) {
      const res = await post(source.id, body, { pathToken: source.token })
      expect(res.status).toBe(200)
      states.push(res.body.data!.state)
    }
    // waiting for replicas, the pre-rollout check, copying the spec, routing to primary and the halts move no rollout
    expect(states.filter((s) => s === 'ignored')).toHaveLength(5 + 5)
    const [promoted, rolledBack] = await deploymentsOf(seeded.teamId, 'podinfo')
    expect(promoted).toMatchObject({
      externalId: 'test/podinfo@2026-03-02T10:00:00.000Z', status: 'success', strategy: 'canary', startedAt: t('2026-03-02T10:00:00Z'),
      readyAt: t('2026-03-02T10:02:00Z'), promotedAt: t('2026-03-02T10:17:00Z'), finishedAt: t('2026-03-02T10:17:00Z'), abortedAt: null, maxWeight: 100,
    })
    const minute = (i: number) => t(`2026-03-02T10:${String(4 + i).padStart(2, '0')}:00Z`).toISOString()
    expect(promoted!.steps).toEqual(Array.from({ length: 10 }, (_, i) => ({ weight: 5 * (i + 1), startedAt: minute(i) })))
    expect(rolledBack).toMatchObject({
      externalId: 'test/podinfo@2026-03-03T14:00:00.000Z', status: 'failure', strategy: 'canary', readyAt: t('2026-03-03T14:02:00Z'),
      abortedAt: t('2026-03-03T14:11:00Z'), finishedAt: t('2026-03-03T14:12:00Z'), promotedAt: null, maxWeight: 20,
      steps: steps([5, '2026-03-03T14:04:00Z'], [10, '2026-03-03T14:05:00Z'], [15, '2026-03-03T14:06:00Z'], [20, '2026-03-03T14:07:00Z']),
    })

    // Flagger retries a webhook that failed: every body again is a duplicate and changes nothing
    for (const body of sent) expect((await post(source.id, body, { pathToken: source.token })).body.data!.state).toBe('duplicate')
    expect(await deploymentsOf(seeded.teamId, 'podinfo')).toEqual([promoted, rolledBack])
    const listed = (await rolloutSourcesFor(tokenPrincipalOf(seeded))).find((s) => s.id === source.id)!
    expect(listed.events[0]).toMatchObject({ target: 'test/podinfo', state: 'applied', rolloutKey: 'test/podinfo@2026-03-03T14:00:00.000Z' })
  })

  it('a blue/green rollback switched no traffic: failed with a blast radius of 0 %', async () => {
    const { seeded, source } = await newSource('flagger')
    for (const body of bodies('flagger/blue-green-rolled-back.json')) {
      expect((await post(source.id, body, { header: { authorization: `Bearer ${source.token}` } })).status).toBe(200)
    }
    expect(await deploymentsOf(seeded.teamId, 'podinfo')).toEqual([expect.objectContaining({
      status: 'failure', strategy: 'blue_green', startedAt: t('2026-03-04T09:00:00Z'), steps: steps([0, '2026-03-04T09:01:00Z']), maxWeight: 0,
      abortedAt: t('2026-03-04T09:06:00Z'), finishedAt: t('2026-03-04T09:07:00Z'),
    })])
  })

  it('a restarted analysis cancels the rollout it replaces; an event before any start is ignored', async () => {
    const { seeded, source } = await newSource('flagger')
    const [start, , , , step] = bodies('flagger/canary-promoted.json').map((b) => JSON.parse(b) as { metadata: Record<string, string> })
    const at = (body: { metadata: Record<string, string> }, iso: string, message = body.metadata.eventMessage!) =>
      JSON.stringify({ ...body, metadata: { ...body.metadata, eventMessage: message, timestamp: String(Date.parse(iso)) } })
    const early = await post(source.id, at(step!, '2026-03-01T09:00:00Z'), { pathToken: source.token })
    expect(early.body.data).toMatchObject({ state: 'ignored', note: 'no start of a rollout of this target was received before it' })
    await post(source.id, at(start!, '2026-03-01T10:00:00Z'), { pathToken: source.token })
    const restart = await post(source.id, at(start!, '2026-03-01T10:03:00Z', 'New revision detected! Restarting analysis for podinfo.test'),
      { pathToken: source.token })
    expect(restart.body.data).toMatchObject({ state: 'applied', deployment: 'test/podinfo@2026-03-01T10:03:00.000Z' })
    expect((await deploymentsOf(seeded.teamId, 'podinfo')).map((d) => [d.externalId, d.status, d.finishedAt])).toEqual([
      ['test/podinfo@2026-03-01T10:00:00.000Z', 'cancelled', t('2026-03-01T10:03:00Z')],
      ['test/podinfo@2026-03-01T10:03:00.000Z', 'in_progress', null],
    ])
  })

  it('a wrong or missing token, and an unknown source, are 401 and store nothing; a body over 64 KiB is 413', async () => {
    const { seeded, source } = await newSource('flagger')
    const [body] = bodies('flagger/canary-promoted.json')
    for (const auth of [{ pathToken: 'not-the-token-of-this-source' }, {}, { header: { 'x-plimsoll-token': `${source.token}x` } }]) {
      expect((await post(source.id, body!, auth)).status).toBe(401)
    }
    expect((await post(2_000_000_000, body!, { pathToken: source.token })).status).toBe(401)
    const huge = JSON.stringify({ ...JSON.parse(body!), metadata: { eventMessage: 'x'.repeat(70_000) } })
    expect((await post(source.id, huge, { pathToken: source.token })).status).toBe(413)
    const bad = await post(source.id, JSON.stringify({ name: '', namespace: 'test' }), { pathToken: source.token })
    expect(bad.status).toBe(422)
    expect(await eventCount(source.id)).toBe(0)
    expect(await deploymentsOf(seeded.teamId, 'podinfo')).toEqual([])
  })
})

describe('Argo Rollouts notifications', () => {
  it('the docs\' canary and blue/green Rollouts, rendered by our template, become deployments per revision; replays change nothing', async () => {
    const { seeded, source } = await newSource('argo_rollouts')
    const auth = { header: { authorization: `Bearer ${source.token}` } }
    const sent = ['canary-completed', 'canary-aborted', 'blue-green-completed'].flatMap((f) => bodies(`argo-rollouts/${f}.json`))
    for (const body of sent) expect((await post(source.id, body, auth)).status).toBe(200)
    const [completed, aborted] = await deploymentsOf(seeded.teamId, 'example-rollout')
    expect(completed).toMatchObject({
      externalId: 'default/example-rollout#2', status: 'success', strategy: 'canary', version: 'nginx:1.15.5', startedAt: t('2026-03-05T08:00:00Z'),
      steps: steps([10, '2026-03-05T08:01:30Z'], [20, '2026-03-05T09:02:10Z']), promotedAt: t('2026-03-05T09:41:00Z'), maxWeight: 100,
    })
    expect(aborted).toMatchObject({
      externalId: 'default/example-rollout#3', status: 'failure', strategy: 'canary', version: 'nginx:1.15.6', steps: steps([10, '2026-03-06T11:01:00Z']),
      abortedAt: t('2026-03-06T11:07:05Z'), finishedAt: t('2026-03-06T11:07:05Z'), maxWeight: 10,
    })
    expect(await deploymentsOf(seeded.teamId, 'rollout-bluegreen')).toEqual([expect.objectContaining({
      externalId: 'default/rollout-bluegreen#2', status: 'success', strategy: 'blue_green', steps: steps([0, '2026-03-07T15:00:00Z']),
      readyAt: t('2026-03-07T15:02:00Z'), promotedAt: t('2026-03-07T15:20:00Z'), maxWeight: 100,
    })])

    const before = await eventCount(source.id)
    for (const body of sent) expect((await post(source.id, body, auth)).body.data!.state).toBe('duplicate')
    expect(await eventCount(source.id)).toBe(before)
    expect(await deploymentsOf(seeded.teamId, 'example-rollout')).toEqual([completed, aborted])
  })

  it('a bad token is 401 and stores nothing; a body without the revision is 422 naming it', async () => {
    const { seeded, source } = await newSource('argo_rollouts')
    const [body] = bodies('argo-rollouts/canary-completed.json')
    expect((await post(source.id, body!, { header: { authorization: 'Bearer wrong-token-of-twenty-chars' } })).status).toBe(401)
    const noRevision = await post(source.id, JSON.stringify({ ...JSON.parse(body!), revision: '<no value>' }), { header: { 'x-plimsoll-token': source.token } })
    expect(noRevision.status).toBe(422)
    expect(JSON.stringify(noRevision.body)).toContain('revision')
    expect(await eventCount(source.id)).toBe(0)
    expect(await deploymentsOf(seeded.teamId, 'example-rollout')).toEqual([])
  })
})
