import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database'
import { analyzeStaleTables } from '@/lib/queries/analyze-stale-tables'

// A database of its own: what counts as stale depends on every write since the last ANALYZE.
let db: TestDatabase
let client: pg.Client

beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_PG_ADMIN_URL, 'stale')
  client = new pg.Client({ connectionString: db.url })
  await client.connect()
})

afterAll(async () => {
  await client?.end()
  await db?.drop()
})

// PostgreSQL publishes a session's table counters at most once a second unless told to now
const publishCounters = () => client.query('SELECT pg_stat_force_next_flush()')
const lastAnalyzed = async (table: string) =>
  (await client.query<{ at: Date | null }>('SELECT greatest(last_analyze, last_autoanalyze) AS at FROM pg_stat_user_tables WHERE relname = $1', [table])).rows[0]?.at ?? null

describe('analyzeStaleTables', () => {
  it('analyses a table once it has taken more than 50 rows + 10 % since its last ANALYZE, and not again until it has', async () => {
    await client.query(`INSERT INTO team (slug, name) SELECT 'stale-' || i, 'Stale ' || i FROM generate_series(1, 40) i`)
    await publishCounters()
    expect(await analyzeStaleTables(client)).not.toContain('public.team')

    await client.query(`INSERT INTO team (slug, name) SELECT 'stale-more-' || i, 'Stale more ' || i FROM generate_series(1, 500) i`)
    await publishCounters()
    expect(await analyzeStaleTables(client)).toContain('public.team')
    expect(await lastAnalyzed('team')).not.toBeNull()
    const { rows: [planned] } = await client.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'team'`)
    expect(planned!.reltuples).toBeGreaterThanOrEqual(540)

    // 540 rows analysed: the next 50 + 54 writes are below the line
    const update = (n: number) => client.query(`UPDATE team SET name = name || '.' WHERE id IN (SELECT id FROM team ORDER BY id LIMIT ${n})`)
    await update(60)
    await publishCounters()
    expect(await analyzeStaleTables(client)).not.toContain('public.team')
    await update(60)
    await publishCounters()
    expect(await analyzeStaleTables(client)).toContain('public.team')
  })
})
