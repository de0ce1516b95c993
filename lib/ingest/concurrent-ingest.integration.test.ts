import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import sql, { type Sql } from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { logger } from '@/lib/logger'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import type { Caller } from '@/lib/auth/resolve-caller'
import { refreshAllRollbackFlags } from '@/lib/queries/refresh-rollback-flags'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import type { CommitInput } from '@/lib/validation/deployments'

// The fuzz test of docs/reliability.md found deployments of one service that share commits deadlocking
// (503 after three attempts). Here many such ingests run at once, in a shuffled order, on every pooled
// connection: deployments to three environments re-sent concurrently, some moved to another environment
// by a concurrent re-send, their commits overlapping, each sent in its own order and with its own
// message (so every ingest rewrites the shared change rows and the first-deployment copies elsewhere).
// None may fail or meet a deadlock, and the rows must be what ingesting them one by one would give.
const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }
const ENVIRONMENTS = ['production', 'staging', 'development']
const DEPLOYMENTS = 36
const SHAS = 16

// a fixed generator, so a failure replays
function random(seed: number) {
  let x = seed
  return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
}
const rand = random(11)
const shuffled = <T>(items: T[]): T[] => {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

const sha = (i: number) => (0xabc0000 + i).toString(16).padEnd(40, '0')
// a commit's time and pull request are the same in every request; its message differs per request
const commit = (i: number, request: number): CommitInput => ({
  sha: sha(i),
  committedAt: new Date(Date.UTC(2026, 3, 1) + i * 3_600_000),
  message: `commit ${i}, request ${request}`,
  ...(i % 3 === 0 ? {} : { prNumber: 100 + Math.floor(i / 3), prMergedAt: new Date(Date.UTC(2026, 3, 2) + i * 3_600_000) }),
})

type Planned = { id: string; environment: string; status: 'success' | 'failure'; minute: number; shas: number[] }

let caller: Caller
const service = uniqueSlug('concurrent')
const planned: Planned[] = Array.from({ length: DEPLOYMENTS }, (_, d) => {
  const from = Math.floor(rand() * (SHAS - 6))
  return {
    id: `d${d}`,
    environment: ENVIRONMENTS[d % ENVIRONMENTS.length]!,
    status: d % 7 === 3 ? 'failure' : 'success',
    minute: Math.floor(rand() * 600),
    shas: Array.from({ length: 4 + Math.floor(rand() * 6) }, (_, k) => Math.min(SHAS - 1, from + k)),
  }
})

const input = (p: Planned, environment: string, request: number): DeploymentInput => ({
  source: 'api',
  externalId: p.id,
  service: { slug: service },
  environment: { name: environment, path: 'environment' },
  status: p.status,
  finishedAt: new Date(Date.UTC(2026, 4, 1) + p.minute * 60_000),
  commits: shuffled(p.shas).map((i) => commit(i, request)),
})

// every deployment twice; every fifth also once more to the next environment, at the same time
const sends = shuffled(planned.flatMap((p, d) => [
  p.environment, p.environment, ...(d % 5 === 0 ? [ENVIRONMENTS[(d + 1) % ENVIRONMENTS.length]!] : []),
].map((environment) => ({ p, environment })))).map(({ p, environment }, request) => input(p, environment, request))

const rowsOf = <T>(query: Sql) => queryRows<T>(pool(), query)

// as many at once as the pool has connections (DB_POOL_MAX, 10 by default): all of them busy, and no
// request failing for want of one
async function sendAll(): Promise<PromiseSettledResult<unknown>[]> {
  const results: PromiseSettledResult<unknown>[] = []
  let next = 0
  await Promise.all(Array.from({ length: 10 }, async () => {
    for (let i = next++; i < sends.length; i = next++) {
      results[i] = await ingestDeployments(caller, [sends[i]!], raw)
        .then((value) => ({ status: 'fulfilled' as const, value }), (reason: unknown) => ({ status: 'rejected' as const, reason }))
    }
  }))
  return results
}

describe('concurrent deployment ingests of one service sharing commits', () => {
  const warnings = vi.spyOn(logger, 'warn')
  let outcomes: PromiseSettledResult<unknown>[]

  beforeAll(async () => {
    const seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'concurrent')
    caller = { tokenId: seeded.tokenId, teamId: seeded.teamId, teamSlug: seeded.team }
    // the service and its environments exist, so the race is about the deployments and their commits
    await ingestDeployments(caller, ENVIRONMENTS.map((environment, i) => ({ ...input(planned[0]!, environment, -1), externalId: `setup-${i}`, commits: [] })), raw)
    warnings.mockClear()
    outcomes = await sendAll()
  }, 120_000)

  afterAll(() => warnings.mockRestore())

  it('stores every request, with no deadlock on the way', () => {
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => String(o.reason))
    expect(failed).toEqual([])
    const deadlocks = warnings.mock.calls.filter((call) => (call[0] as unknown as { code?: string } | undefined)?.code === '40P01')
    expect(deadlocks).toHaveLength(0)
  })

  it('stores each deployment once, linked to exactly its commits, and each change once with its values', async () => {
    const links = await rowsOf<{ id: string; shas: string[] }>(sql`
      SELECT d.external_id AS id, array_agg(c.sha ORDER BY c.sha) AS shas
      FROM deployment d JOIN service s ON s.id = d.service_id JOIN deployment_change dc ON dc.deployment_id = d.id JOIN change c ON c.id = dc.change_id
      WHERE s.slug = ${service} GROUP BY d.external_id ORDER BY d.external_id`)
    const expected = planned.map((p) => ({ id: p.id, shas: [...new Set(p.shas)].sort((a, b) => a - b).map(sha) })).sort((a, b) => (a.id < b.id ? -1 : 1))
    expect(links).toEqual(expected)
    const [{ deployments }] = await rowsOf<{ deployments: number }>(sql`
      SELECT count(*)::int AS deployments FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} AND d.external_id LIKE 'd%'`) as [{ deployments: number }]
    expect(deployments).toBe(DEPLOYMENTS)
    const changes = await rowsOf<{ sha: string; committedAt: Date; prNumber: number | null }>(sql`
      SELECT c.sha, c.committed_at AS "committedAt", c.pr_number AS "prNumber" FROM change c JOIN service s ON s.id = c.service_id
      WHERE s.slug = ${service} ORDER BY c.sha`)
    const used = [...new Set(planned.flatMap((p) => p.shas))].sort((a, b) => a - b)
    expect(changes).toEqual(used.map((i) => ({ sha: sha(i), committedAt: commit(i, 0).committedAt, prNumber: commit(i, 0).prNumber ?? null })))
  })

  it('keeps the first deployment of each change to each environment, and its copies, as a recomputation gives', async () => {
    const stored = await rowsOf<Record<string, unknown>>(sql`
      SELECT f.change_id, f.environment_id, f.deployment_id, f.deployed_at, f.committed_at, f.pr_number, f.pr_merged_at
      FROM change_first_deployment f JOIN service s ON s.id = f.service_id WHERE s.slug = ${service} ORDER BY 1, 2`)
    const recomputed = await rowsOf<Record<string, unknown>>(sql`
      SELECT DISTINCT ON (c.id, d.environment_id) c.id AS change_id, d.environment_id, d.id AS deployment_id, d.finished_at AS deployed_at,
        coalesce(c.committed_at, c.authored_at) AS committed_at, c.pr_number, c.pr_merged_at
      FROM deployment d JOIN service s ON s.id = d.service_id JOIN deployment_change dc ON dc.deployment_id = d.id JOIN change c ON c.id = dc.change_id
      WHERE s.slug = ${service} AND d.status = 'success' AND d.finished_at IS NOT NULL
      ORDER BY c.id, d.environment_id, d.finished_at, d.id`)
    expect(stored.length).toBeGreaterThan(SHAS)
    expect(stored).toEqual(recomputed)
    const pullRequests = await rowsOf<Record<string, unknown>>(sql`
      SELECT p.environment_id, p.pr_number, p.deployed_at, p.first_committed_at, p.merged_at
      FROM pull_request_deployment p JOIN service s ON s.id = p.service_id WHERE s.slug = ${service} ORDER BY 1, 2`)
    const fromCopies = await rowsOf<Record<string, unknown>>(sql`
      SELECT f.environment_id, f.pr_number, min(f.deployed_at) AS deployed_at, min(f.committed_at) AS first_committed_at, max(f.pr_merged_at) AS merged_at
      FROM change_first_deployment f JOIN service s ON s.id = f.service_id WHERE s.slug = ${service} AND f.pr_number IS NOT NULL
      GROUP BY 1, 2 ORDER BY 1, 2`)
    expect(pullRequests).toEqual(fromCopies)
  })

  it('keeps the rollback flags a recomputation from scratch gives', async () => {
    const [{ id }] = await rowsOf<{ id: number }>(sql`SELECT id FROM service WHERE slug = ${service}`) as [{ id: number }]
    expect(await refreshAllRollbackFlags(pool(), [id])).toBe(0)
  })
})
