import { beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import type { Caller } from '@/lib/auth/resolve-caller'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import { ingestAvailabilityResult, saveProbeCheck, saveServiceSlo } from '@/lib/probes/ingest-availability'
import { availabilityResultSchema, probeCheckBodySchema, sloBodySchema } from '@/lib/validation/availability'
import { incidentBodySchema } from '@/lib/validation/incidents'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// Ids are 32-bit: INSERT ... ON CONFLICT takes a sequence value on every call, even when the row
// exists, so an install that ingests for a handful of services would run its ids out (issue 18: the
// service sequence at 1,458 after 1,068 SLO updates of about 20 services). Writes to rows that exist
// must leave the sequences where they are.
const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }
const N = 25
let caller: Caller
const service = uniqueSlug('seq')

async function lastValue(table: string): Promise<number> {
  const rows = await queryRows<{ v: string }>(pool(), sql`
    SELECT COALESCE(last_value, 0)::text AS v FROM pg_sequences
    WHERE schemaname || '.' || sequencename = pg_get_serial_sequence(${table}, 'id')
       OR sequencename = split_part(pg_get_serial_sequence(${table}, 'id'), '.', 2)`)
  return Number(rows[0]!.v)
}

async function sequencesOf(tables: string[]) {
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await lastValue(t)] as const)))
}

// a host on the install's outbound allow-list, unique to this run and never looked up (no worker runs here)
const allowedHost = `${uniqueSlug('seq')}.test`

beforeAll(async () => {
  await pool().query('INSERT INTO outbound_allow (entry) VALUES ($1)', [allowedHost])
  const seeded = await seedTeamWithToken(process.env.DATABASE_URL!, 'seq')
  caller = { tokenId: seeded.tokenId, teamId: seeded.teamId, teamSlug: seeded.team }
  // the rows exist before the counting starts
  await saveServiceSlo(caller, sloBodySchema.parse({ service }))
})

describe('ingest into rows that exist takes no sequence value', () => {
  it('SLO updates and re-configured checks', async () => {
    const check = (timeoutMs: number) => probeCheckBodySchema.parse({ service, name: 'home', kind: 'http', url: `http://${allowedHost}/`, timeoutMs })
    await saveProbeCheck(caller, check(1000))
    const before = await sequencesOf(['service', 'probe_check'])
    for (let i = 0; i < N; i++) {
      await saveServiceSlo(caller, sloBodySchema.parse({ service, target: 99 + i / 100 }))
      await saveProbeCheck(caller, check(1000 + i))
    }
    expect(await sequencesOf(['service', 'probe_check'])).toEqual(before)
  })

  it('external availability results', async () => {
    const result = (i: number) => availabilityResultSchema.parse({ service, check: 'external', at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), up: true })
    await ingestAvailabilityResult(caller, result(0), raw)
    const before = await sequencesOf(['service', 'probe_check'])
    for (let i = 1; i <= N; i++) await ingestAvailabilityResult(caller, result(i), raw)
    expect(await sequencesOf(['service', 'probe_check'])).toEqual(before)
  })

  it('deployment status updates and incident updates', async () => {
    const deployment = (i: number) => ({
      source: 'api', externalId: 'd1', service: { slug: service }, environment: { name: 'production', path: 'environment' },
      status: 'success' as const, finishedAt: new Date(Date.UTC(2026, 1, 1, 12, i)), commits: [],
    })
    const incident = (i: number) => incidentBodySchema.parse({ id: 'inc-1', service, title: `down ${i}`, severity: 'high', openedAt: '2026-02-01T12:00:00Z' })
    await ingestDeployments(caller, [deployment(0)], raw)
    await ingestIncident(caller, incident(0), raw)
    const before = await sequencesOf(['service', 'deployment', 'incident'])
    for (let i = 1; i <= N; i++) {
      await ingestDeployments(caller, [deployment(i)], raw)
      await ingestIncident(caller, incident(i), raw)
    }
    expect(await sequencesOf(['service', 'deployment', 'incident'])).toEqual(before)
    // and the updates were applied
    const stored = await queryRows<{ title: string }>(pool(), sql`SELECT title FROM incident WHERE external_id = 'inc-1' AND service_id = (SELECT id FROM service WHERE slug = ${service})`)
    expect(stored[0]!.title).toBe(`down ${N}`)
  })
})
