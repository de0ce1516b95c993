import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database'
import { generateDemo } from './generate-demo'
import { seedDemo, type SeedDemoResult } from './seed'

// Seeds an empty, migrated database of its own (a new one on the server, or a new embedded one).
const now = new Date('2026-06-01T00:00:00Z')

describe('seedDemo', () => {
  let database: TestDatabase
  let client: pg.Client
  let result: SeedDemoResult
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

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_PG_ADMIN_URL, 'demo')
    client = new pg.Client({ connectionString: database.url })
    await client.connect()
    schemaBefore = await describeSchema()
    result = await seedDemo(client, { seed: 3, now })
  })

  afterAll(async () => {
    await client.end().catch(() => undefined)
    await database.drop()
  })

  it('loads exactly what the generator makes', async () => {
    const { rows } = generateDemo({ seed: 3, now })
    expect(result).toMatchObject({ teams: 3, services: 10, firstTeamSlug: 'storefront' })
    expect(result.deployments).toBe(rows.deployments.length)
    expect(await count('SELECT count(*) AS n FROM team')).toBe(3)
    expect(await count('SELECT count(*) AS n FROM service')).toBe(10)
    expect(await count('SELECT count(*) AS n FROM deployment')).toBe(rows.deployments.length)
    expect(await count('SELECT count(*) AS n FROM change')).toBe(rows.changes.length)
    expect(await count('SELECT count(*) AS n FROM deployment_change')).toBe(rows.deploymentChanges.length)
    expect(await count('SELECT count(*) AS n FROM change_first_deployment')).toBe(rows.firstDeployments.length)
    expect(await count('SELECT count(*) AS n FROM incident')).toBe(rows.incidents.length)
  })

  it('stores the timestamps to the millisecond', async () => {
    const { rows } = generateDemo({ seed: 3, now })
    const first = rows.deployments[0]
    const stored = await client.query<{ started_at: Date; finished_at: Date }>(
      'SELECT started_at, finished_at FROM deployment WHERE id = $1', [first?.id])
    expect(stored.rows[0]?.started_at.getTime()).toBe(first?.startedAt)
    expect(stored.rows[0]?.finished_at.getTime()).toBe(first?.finishedAt)
  })

  it('agrees with a first-deployment computation done in SQL', async () => {
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
  })

  it('restores indexes and foreign keys and moves sequences past the loaded ids', async () => {
    expect(await describeSchema()).toEqual(schemaBefore)
    expect(schemaBefore.some((d) => d.startsWith('deployment_change_deployment_id_fkey FOREIGN KEY'))).toBe(true)
    const inserted = await client.query<{ id: number }>(
      `INSERT INTO team (slug, name) VALUES ('after-demo', 'After demo') RETURNING id`)
    expect(inserted.rows[0]?.id).toBe(4)
    await expect(client.query(`INSERT INTO deployment_change VALUES (-1, -1)`)).rejects.toThrow(/foreign key/)
  })

  it('refuses a database that already has data', async () => {
    await expect(seedDemo(client, { now })).rejects.toThrow(/not empty/)
  })
})
