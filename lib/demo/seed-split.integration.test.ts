import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database'
import { seedDemo } from './seed'

// The scale-mode load on a real server: rows committed first, keys/indexes/foreign keys rebuilt on
// parallel connections (and on failure, the demo tables emptied and the constraints put back).
// PGlite serves one connection at a time, so this only runs against a server.
const adminUrl = process.env.TEST_PG_ADMIN_URL
const now = new Date('2026-06-01T00:00:00Z')

describe.skipIf(!adminUrl)('seedDemo split over parallel connections', () => {
  let database: TestDatabase
  let client: pg.Client
  let schemaBefore: string[]
  const describeSchema = async (): Promise<string[]> => {
    const { rows } = await client.query<{ d: string }>(`
      SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema()
      UNION ALL
      SELECT conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint
      WHERE connamespace = current_schema()::regnamespace
      ORDER BY 1`)
    return rows.map((r) => r.d)
  }
  const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]?.n)
  const demoRows = (): Promise<number> => count(`
    SELECT (SELECT count(*) FROM team) + (SELECT count(*) FROM service) + (SELECT count(*) FROM environment)
      + (SELECT count(*) FROM deployment) + (SELECT count(*) FROM change) + (SELECT count(*) FROM deployment_change)
      + (SELECT count(*) FROM change_first_deployment) + (SELECT count(*) FROM incident) AS n`)

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl, 'demosplit')
    client = new pg.Client({ connectionString: database.url })
    await client.connect()
    schemaBefore = await describeSchema()
  })

  afterAll(async () => {
    await client.end().catch(() => undefined)
    await database.drop()
  })

  it('empties the tables and restores every constraint when the rebuild fails', async () => {
    const other = new pg.Client({ connectionString: database.url })
    await other.connect()
    try {
      const failed = seedDemo(client, {
        deployments: 3_000, now, connectionString: database.url, connections: 2,
        // a duplicate primary key, committed between the load and the rebuild, makes deployment_pkey fail
        beforeRebuild: async () => {
          await other.query(`INSERT INTO deployment (id, service_id, environment_id, source, external_id, status)
            SELECT id, service_id, environment_id, source, external_id || '-again', status FROM deployment WHERE id = 1`)
        },
      })
      await expect(failed).rejects.toThrow(/deployment_pkey|duplicate/)
    } finally {
      await other.end()
    }
    expect(await demoRows()).toBe(0)
    expect(await describeSchema()).toEqual(schemaBefore)
  })

  it('loads the same kinds of rows with every constraint validated (with a generator worker thread)', async () => {
    const result = await seedDemo(client, { deployments: 5_000, now, connectionString: database.url, connections: 2, workers: 2 })
    expect(result.deployments).toBeGreaterThan(4_000)
    expect(await count('SELECT count(*) AS n FROM deployment')).toBe(result.deployments)
    expect(await count('SELECT count(*) AS n FROM change')).toBe(result.changes)
    expect(await count('SELECT count(*) AS n FROM incident')).toBe(result.incidents)
    expect(await count('SELECT count(*) AS n FROM deployment_change')).toBeGreaterThan(result.deployments)
    const mismatches = await count(`
      WITH expected AS (
        SELECT DISTINCT ON (dc.change_id, d.environment_id) dc.change_id, d.environment_id, d.id AS deployment_id
        FROM deployment_change dc JOIN deployment d ON d.id = dc.deployment_id
        WHERE d.status = 'success'
        ORDER BY dc.change_id, d.environment_id, d.finished_at, d.id)
      SELECT count(*) AS n FROM expected e
      FULL JOIN change_first_deployment f USING (change_id, environment_id)
      WHERE f.deployment_id IS DISTINCT FROM e.deployment_id`)
    expect(mismatches).toBe(0)
    expect(await describeSchema()).toEqual(schemaBefore)
    const next = await client.query<{ id: number; max: number }>(
      `SELECT nextval(pg_get_serial_sequence('deployment', 'id'))::int AS id, (SELECT max(id) FROM deployment) AS max`)
    expect(next.rows[0]?.id).toBe((next.rows[0]?.max ?? 0) + 1)
  })
})
