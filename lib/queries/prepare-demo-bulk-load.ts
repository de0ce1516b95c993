import type pg from 'pg'

const BULK_TABLES = ['deployment', 'change', 'deployment_change', 'change_first_deployment', 'incident']

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
 * Drops the keys, indexes and foreign keys of the bulk tables and returns a function that recreates
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

async function constraintDdl(client: pg.ClientBase, types: string[]): Promise<{ drop_sql: string; create_sql: string }[]> {
  const { rows } = await client.query<{ drop_sql: string; create_sql: string }>(
    `SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, c.conname) AS drop_sql,
       format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)) AS create_sql
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype::text = ANY($2::text[]) AND n.nspname = current_schema() AND t.relname = ANY($1::text[])
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
  await client.query('ANALYZE team, service, environment, deployment, change, deployment_change, change_first_deployment, incident')
}
