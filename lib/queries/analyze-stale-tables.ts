import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'

// Tables whose planner statistics lag behind what was written since their last ANALYZE, by
// autovacuum's own rule (50 rows + 10 % of the table), analysed now. Where autovacuum runs it has
// usually done this already and nothing is found; where it does not (PGlite's single-user mode, a
// server with autovacuum = off) a young database otherwise keeps the statistics of its empty tables,
// and the planner starts ingest queries from whole tables it believes hold one row (docs/performance.md:
// the webhook worker fell from 70 to 22 deliveries/s in ten minutes).
export async function analyzeStaleTables(client: Queryable): Promise<string[]> {
  const stale = await queryRows<{ name: string }>(client, sql`
    SELECT format('%I.%I', s.schemaname, s.relname) AS name
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
    ORDER BY s.n_mod_since_analyze DESC`)
  for (const { name } of stale) await client.query(`ANALYZE ${name}`)
  return stale.map((t) => t.name)
}
