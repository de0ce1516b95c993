import type pg from 'pg'
import { ROLLUP_TABLES } from '@/lib/queries/rebuild-rollups'

const BULK_TABLES = ['deployment', 'change', 'deployment_change', 'change_first_deployment', 'incident']
/** Every table the demo loads, referenced tables first. */
export const DEMO_TABLES = ['team', 'service', 'environment', ...BULK_TABLES]

/** Names of the demo's tables that already hold rows (the demo only loads into an empty database). */
export async function listNonEmptyDemoTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(`
    SELECT 'team' AS table_name WHERE EXISTS (SELECT 1 FROM team)
    UNION ALL SELECT 'service' WHERE EXISTS (SELECT 1 FROM service)
    UNION ALL SELECT 'environment' WHERE EXISTS (SELECT 1 FROM environment)
    UNION ALL SELECT 'deployment' WHERE EXISTS (SELECT 1 FROM deployment)`)
  return rows.map((r) => r.table_name)
}

/**
 * Drops the keys, indexes and foreign keys of the bulk tables (and the foreign keys of other tables that
 * reference them, which would keep their keys from being dropped) and returns a function that recreates
 * them, the standard "populating a database" recipe: one sorted index build beats millions of
 * incremental inserts. Must run inside the load's transaction so a failure restores everything.
 * The DDL is read from the catalog (pg_get_indexdef/pg_get_constraintdef), so it follows migrations.
 */
export async function suspendBulkLoadConstraints(client: pg.ClientBase): Promise<() => Promise<void>> {
  const { rows: indexes } = await client.query<{ drop_sql: string; create_sql: string }>(
    `SELECT format('DROP INDEX %I.%I', n.nspname, ic.relname) AS drop_sql, pg_get_indexdef(i.indexrelid) AS create_sql
     FROM pg_index i
     JOIN pg_class ic ON ic.oid = i.indexrelid
     JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = t.oid)
     ORDER BY ic.relname`,
    [BULK_TABLES],
  )
  const foreignKeys = await constraintDdl(client, ['f'])
  // Primary keys too (their foreign keys are gone by then): a sorted build beats a million btree inserts.
  const keys = await constraintDdl(client, ['p', 'u'])
  for (const fk of foreignKeys) await client.query(fk.drop_sql)
  for (const key of keys) await client.query(key.drop_sql)
  for (const index of indexes) await client.query(index.drop_sql)
  return async () => {
    // Transaction-local: bigger sort memory makes the index builds single-pass.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`)
    await client.query(`SET LOCAL work_mem = '256MB'`) // foreign key validation joins in memory
    for (const key of keys) await client.query(key.create_sql)
    for (const index of indexes) await client.query(index.create_sql)
    for (const fk of foreignKeys) await client.query(fk.create_sql)
  }
}

interface Ddl {
  drop_sql: string
  create_sql: string
}

/** The DDL a parallel restore needs, read from the catalog before anything is dropped. */
export interface BulkLoadDdl {
  indexes: (Ddl & { table: string; name: string })[]
  keys: (Ddl & { table: string; name: string; index_sql: string; attach_sql: string })[]
  foreignKeys: (Ddl & { table: string; name: string; not_valid_sql: string; validate_sql: string })[]
}

/**
 * Like suspendBulkLoadConstraints, but returns the DDL for restoreBulkLoadConstraintsInParallel, which
 * runs outside the load's transaction (on several connections). Primary keys are rebuilt as unique
 * indexes first and attached with ADD CONSTRAINT ... USING INDEX, foreign keys are added NOT VALID and
 * then validated, so that the slow parts take locks that do not block each other.
 */
export async function dropBulkLoadConstraints(client: pg.ClientBase): Promise<BulkLoadDdl> {
  const { rows: indexes } = await client.query<BulkLoadDdl['indexes'][number]>(
    `SELECT t.relname AS table, ic.relname AS name, format('DROP INDEX IF EXISTS %I.%I', n.nspname, ic.relname) AS drop_sql,
       pg_get_indexdef(i.indexrelid) AS create_sql
     FROM pg_index i
     JOIN pg_class ic ON ic.oid = i.indexrelid
     JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = t.oid)
     ORDER BY ic.relname`,
    [BULK_TABLES],
  )
  const { rows: constraints } = await client.query<BulkLoadDdl['keys'][number] & BulkLoadDdl['foreignKeys'][number] & { contype: string }>(
    `SELECT c.contype::text AS contype, t.relname AS table, c.conname AS name,
       format('ALTER TABLE %I.%I DROP CONSTRAINT IF EXISTS %I', n.nspname, t.relname, c.conname) AS drop_sql,
       format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)) AS create_sql,
       CASE WHEN c.contype IN ('p', 'u') THEN pg_get_indexdef(c.conindid) END AS index_sql,
       format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s USING INDEX %I', n.nspname, t.relname, c.conname,
         CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, c.conname) AS attach_sql,
       format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s NOT VALID', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)) AS not_valid_sql,
       format('ALTER TABLE %I.%I VALIDATE CONSTRAINT %I', n.nspname, t.relname, c.conname) AS validate_sql
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype IN ('p', 'u', 'f') AND n.nspname = current_schema()
       AND (t.relname = ANY($1::text[]) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY($1::text[])))
     ORDER BY t.relname, c.conname`,
    [BULK_TABLES],
  )
  const ddl: BulkLoadDdl = {
    indexes,
    keys: constraints.filter((c) => c.contype !== 'f'),
    foreignKeys: constraints.filter((c) => c.contype === 'f'),
  }
  for (const fk of ddl.foreignKeys) await client.query(fk.drop_sql)
  for (const key of ddl.keys) await client.query(key.drop_sql)
  for (const index of ddl.indexes) await client.query(index.drop_sql)
  return ddl
}

interface Job {
  table: string
  sql: string
}

// Runs the jobs on all clients, each taking the next job whose table no other client is working on
// (statements on one table would mostly wait for each other's locks); one failure stops the rest.
async function runJobs(clients: pg.ClientBase[], jobs: Job[], log: (line: string) => void): Promise<void> {
  const pending = [...jobs]
  const busy = new Set<string>()
  let failed = false
  let wake: () => void = () => undefined
  const worker = async (client: pg.ClientBase): Promise<void> => {
    while (!failed && pending.length > 0) {
      const at = pending.findIndex((j) => !busy.has(j.table))
      if (at < 0) {
        await new Promise<void>((resolve) => {
          const previous = wake
          wake = () => {
            previous()
            resolve()
          }
        })
        continue
      }
      const [job] = pending.splice(at, 1)
      if (!job) continue
      busy.add(job.table)
      const started = performance.now()
      try {
        await client.query(job.sql)
      } catch (error) {
        failed = true
        throw error
      } finally {
        busy.delete(job.table)
        const w = wake
        wake = () => undefined
        w()
      }
      log(`demo:   ${((performance.now() - started) / 1000).toFixed(2)} s ${job.sql.replace(/\s+/g, ' ').slice(0, 110)}`)
    }
  }
  const results = await Promise.allSettled(clients.map(worker))
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (rejected) throw rejected.reason
}

/**
 * Rebuilds what dropBulkLoadConstraints dropped, on the given connections in parallel (outside any
 * transaction: each statement commits on its own). Big tables first, so the connections finish together.
 */
export async function restoreBulkLoadConstraintsInParallel(
  clients: pg.ClientBase[], ddl: BulkLoadDdl, log: (line: string) => void = () => undefined,
): Promise<void> {
  const [first] = clients
  if (!first) throw new Error('no connections to restore the constraints on')
  for (const c of clients) {
    await c.query(`SET maintenance_work_mem = '256MB'`)
    await c.query(`SET work_mem = '256MB'`)
    // The connections are the parallelism: parallel workers on top only compete for the same cores
    // (measured: 2 connections without workers beat 2 with 2 workers each, and 1 with 2 workers).
    if (clients.length > 1) {
      await c.query('SET max_parallel_maintenance_workers = 0')
      await c.query('SET max_parallel_workers_per_gather = 0')
    }
  }
  const { rows } = await first.query<{ relname: string; bytes: string }>(
    'SELECT relname, pg_relation_size(oid)::text AS bytes FROM pg_class WHERE relname = ANY($1::text[]) AND relnamespace = current_schema()::regnamespace',
    [BULK_TABLES],
  )
  const size = new Map(rows.map((r) => [r.relname, Number(r.bytes)]))
  const bySize = (a: Job, b: Job): number => (size.get(b.table) ?? 0) - (size.get(a.table) ?? 0)
  // 1. every index, the keys' as plain unique indexes (CREATE INDEX takes a SHARE lock: no conflicts)
  const builds: Job[] = [
    ...ddl.keys.map((k) => ({ table: k.table, sql: k.index_sql })),
    ...ddl.indexes.map((i) => ({ table: i.table, sql: i.create_sql })),
  ].sort(bySize)
  await runJobs(clients, builds.map((j) => ({ ...j, table: j.sql })), log) // distinct "tables": indexes of one table build concurrently
  // 2. turn the key indexes into the constraints (catalog only), add the foreign keys unchecked
  for (const key of ddl.keys) await first.query(key.attach_sql)
  for (const fk of ddl.foreignKeys) await first.query(fk.not_valid_sql)
  // 3. check the foreign keys (VALIDATE takes SHARE UPDATE EXCLUSIVE on the referencing table only)
  await runJobs(clients, ddl.foreignKeys.map((f) => ({ table: f.table, sql: f.validate_sql })).sort(bySize), log)
}

/**
 * After a failed split load: empties the demo tables (they were empty when it started) and puts every
 * dropped key, index and foreign key back, in one transaction. Idempotent over a partial restore.
 */
export async function undoBulkLoad(client: pg.ClientBase, ddl: BulkLoadDdl): Promise<void> {
  await client.query('BEGIN')
  try {
    await client.query(`TRUNCATE ${DEMO_TABLES.map((t) => `"${t}"`).join(', ')} CASCADE`)
    for (const fk of ddl.foreignKeys) await client.query(fk.drop_sql)
    for (const key of ddl.keys) await client.query(key.drop_sql)
    for (const key of ddl.keys) await client.query(`DROP INDEX IF EXISTS "${key.name}"`) // built but not attached yet
    for (const index of ddl.indexes) await client.query(index.drop_sql)
    for (const key of ddl.keys) await client.query(key.create_sql)
    for (const index of ddl.indexes) await client.query(index.create_sql)
    for (const fk of ddl.foreignKeys) await client.query(fk.create_sql)
    await resetDemoSequences(client)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** ANALYZE of the demo tables spread over the connections, and of the rollups rebuilt from them. */

export async function analyzeDemoTablesInParallel(clients: pg.ClientBase[]): Promise<void> {
  await runJobs(clients, [...DEMO_TABLES, ...ROLLUP_TABLES].map((t) => ({ table: t, sql: `ANALYZE "${t}"` })), () => undefined)
}

async function constraintDdl(client: pg.ClientBase, types: string[]): Promise<{ drop_sql: string; create_sql: string }[]> {
  const { rows } = await client.query<{ drop_sql: string; create_sql: string }>(
    `SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname) AS drop_sql,
       format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)) AS create_sql
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype::text = ANY($2::text[]) AND n.nspname = current_schema()
       AND (t.relname = ANY($1::text[]) OR (c.contype = 'f' AND c.confrelid::regclass::text = ANY($1::text[])))
     ORDER BY t.relname, c.conname`,
    [BULK_TABLES, types],
  )
  return rows
}

/** Moves every id sequence past the explicit ids the loader inserted. */
export async function resetDemoSequences(client: pg.ClientBase): Promise<void> {
  await client.query(`
    SELECT setval(pg_get_serial_sequence('team', 'id'), coalesce((SELECT max(id) FROM team), 0) + 1, false),
      setval(pg_get_serial_sequence('service', 'id'), coalesce((SELECT max(id) FROM service), 0) + 1, false),
      setval(pg_get_serial_sequence('environment', 'id'), coalesce((SELECT max(id) FROM environment), 0) + 1, false),
      setval(pg_get_serial_sequence('deployment', 'id'), coalesce((SELECT max(id) FROM deployment), 0) + 1, false),
      setval(pg_get_serial_sequence('change', 'id'), coalesce((SELECT max(id) FROM change), 0) + 1, false),
      setval(pg_get_serial_sequence('incident', 'id'), coalesce((SELECT max(id) FROM incident), 0) + 1, false)`)
}

/** Fresh planner statistics after a bulk load (ANALYZE is allowed inside a transaction, VACUUM is not). */
export async function analyzeDemoTables(client: pg.ClientBase): Promise<void> {
  await client.query(`ANALYZE ${[...DEMO_TABLES, ...ROLLUP_TABLES].join(', ')}`)
}
