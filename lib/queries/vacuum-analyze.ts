import type pg from 'pg'

const tables = ['deployment', 'change', 'deployment_change', 'change_first_deployment', 'incident', 'ingest_log'] as const

// PGlite runs PostgreSQL in single-user mode, where autovacuum never runs: without this the
// planner's statistics go stale as data grows. On a server it is cheap and harmless.
export async function vacuumAnalyze(client: pg.ClientBase): Promise<void> {
  for (const table of tables) await client.query(`VACUUM (ANALYZE) ${table}`)
}
