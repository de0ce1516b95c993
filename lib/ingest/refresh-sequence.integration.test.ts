import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import type { Caller } from '@/lib/auth/resolve-caller'
import { refreshAllRollbackFlags } from '@/lib/queries/refresh-rollback-flags'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// Rollback flags are kept at ingest, one deployment at a time. Whatever order deployments arrive in,
// and however they are corrected afterwards, the stored flags must equal a recomputation from scratch.
let caller: Caller
const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }

type Step = { id: string; day: number; version?: string; status?: DeploymentInput['status']; rollback?: boolean; environment?: string }

const input = (service: string, s: Step): DeploymentInput => ({
  source: 'api',
  externalId: s.id,
  service: { slug: service },
  environment: { name: s.environment ?? 'production', path: 'environment' },
  status: s.status ?? 'success',
  finishedAt: s.status === 'in_progress' ? undefined : new Date(Date.UTC(2026, 2, 1, 12) + s.day * 86_400_000),
  version: s.version,
  isRollback: s.rollback,
  commits: [],
})

async function ingest(service: string, steps: Step[]) {
  for (const s of steps) await ingestDeployments(caller, [input(service, s)], raw)
}

async function flags(service: string) {
  const rows = await queryRows<{ id: string; rollsBack: boolean; rolledBack: boolean }>(pool(), sql`
    SELECT d.external_id AS id, d.rolls_back AS "rollsBack", d.rolled_back AS "rolledBack"
    FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} ORDER BY d.external_id`)
  return Object.fromEntries(rows.map((r) => [r.id, `${r.rollsBack ? 'R' : '-'}${r.rolledBack ? 'B' : '-'}`]))
}

// how many of the service's deployments a recomputation from scratch changes
async function recomputedFromScratch(service: string) {
  const [row] = await queryRows<{ id: number }>(pool(), sql`SELECT id FROM service WHERE slug = ${service}`)
  return refreshAllRollbackFlags(pool(), [row!.id])
}

// d1 v1, d2 v2, d3 v1 (redeploys v1: a rollback, so d2 was rolled back), d4 v3, d5 flagged rollback, d6 v5
const history: Step[] = [
  { id: 'd1', day: 1, version: 'v1' },
  { id: 'd2', day: 2, version: 'v2' },
  { id: 'd3', day: 3, version: 'v1' },
  { id: 'd4', day: 4, version: 'v3' },
  { id: 'd5', day: 5, version: 'v4', rollback: true },
  { id: 'd6', day: 6, version: 'v5' },
]
const expected = { d1: '--', d2: '-B', d3: 'R-', d4: '-B', d5: 'R-', d6: '--' }

// a fixed shuffle, so a failure reproduces
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items]
  let x = seed
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31
    const j = x % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe('rollback flags kept at ingest', () => {
  beforeAll(async () => {
    const seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'flags')
    caller = { tokenId: seeded.tokenId, teamId: seeded.teamId, teamSlug: seeded.team }
  })

  it.each([
    ['in order', history],
    ['in reverse', [...history].reverse()],
    ['shuffled (1)', shuffled(history, 1)],
    ['shuffled (7)', shuffled(history, 7)],
  ])('are the same whatever the arrival order: %s', async (_name, steps) => {
    const service = uniqueSlug('flags')
    await ingest(service, steps)
    expect(await flags(service)).toEqual(expected)
    expect(await recomputedFromScratch(service)).toBe(0)
  })

  it('are the same when the deployments arrive at once, on concurrent transactions', async () => {
    const service = uniqueSlug('flags')
    await ingest(service, [history[0]!]) // creates the service and environment first
    await Promise.all(shuffled(history.slice(1), 3).map((s) => ingestDeployments(caller, [input(service, s)], raw)))
    expect(await flags(service)).toEqual(expected)
    expect(await recomputedFromScratch(service)).toBe(0)
  })

  it('follow corrections: a deployment that finishes later, fails, is cancelled or moves environment', async () => {
    const service = uniqueSlug('flags')
    await ingest(service, [...history.slice(0, 2), { id: 'd3', day: 3, version: 'v1', status: 'in_progress' }, ...history.slice(3)])
    // d3 still running: not in the sequence, so d2 -> d4 is an ordinary upgrade
    expect(await flags(service)).toMatchObject({ d2: '--', d3: '--', d4: '-B' })
    await ingest(service, [{ id: 'd3', day: 3, version: 'v1' }])
    expect(await flags(service)).toEqual(expected)
    // d3 failed after all: a failed redeploy of v1 still redeploys v1
    await ingest(service, [{ id: 'd3', day: 3, version: 'v1', status: 'failure' }])
    expect(await flags(service)).toEqual(expected)
    expect(await recomputedFromScratch(service)).toBe(0)
    // d3 cancelled: out of the sequence again
    await ingest(service, [{ id: 'd3', day: 3, version: 'v1', status: 'cancelled' }])
    expect(await flags(service)).toMatchObject({ d2: '--', d3: '--', d4: '-B', d5: 'R-' })
    expect(await recomputedFromScratch(service)).toBe(0)
    // a late-arriving v3 on day 0 makes d4 (v3 after v1) a redeploy of an earlier version
    await ingest(service, [{ id: 'd0', day: 0, version: 'v3' }])
    expect(await flags(service)).toMatchObject({ d0: '--', d2: '-B', d4: 'RB' })
    // d4 moves to staging: production's sequence closes the gap (d5, a flagged rollback, now follows d2)
    await ingest(service, [{ id: 'd4', day: 4, version: 'v3', environment: 'staging' }])
    expect(await flags(service)).toMatchObject({ d2: '-B', d4: '--', d5: 'R-' })
    expect(await recomputedFromScratch(service)).toBe(0)
  })
})
