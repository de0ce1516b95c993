import sql from 'sql-template-tag'
import { pool, type Queryable } from '@/lib/db'
import type { RollupRow } from '@/lib/probes/rollup-buffer'

// One statement for a batch of hour rows; a row that exists gets the new minutes added element-wise
// (a minute is written once, after it ends; a late external result adds to its minute, latest latency wins).
export async function upsertProbeRollups(rows: RollupRow[], client: Queryable = pool()): Promise<void> {
  if (rows.length === 0) return
  const json = JSON.stringify(rows.map((r) => ({ check_id: r.checkId, hour: r.hour.toISOString(), ok: r.ok, fail: r.fail, latency_ms: r.latencyMs })))
  await client.query(sql`
    INSERT INTO probe_rollup (check_id, hour, ok, fail, latency_ms)
    SELECT check_id, hour, ok, fail, latency_ms
    FROM json_to_recordset(${json}::json) AS r(check_id int, hour timestamptz, ok smallint[], fail smallint[], latency_ms smallint[])
    WHERE EXISTS (SELECT 1 FROM probe_check c WHERE c.id = r.check_id)
    ON CONFLICT (check_id, hour) DO UPDATE SET
      ok = (SELECT array_agg(least(a::int + b, 32767)::smallint ORDER BY i) FROM unnest(probe_rollup.ok, EXCLUDED.ok) WITH ORDINALITY AS t(a, b, i)),
      fail = (SELECT array_agg(least(a::int + b, 32767)::smallint ORDER BY i) FROM unnest(probe_rollup.fail, EXCLUDED.fail) WITH ORDINALITY AS t(a, b, i)),
      latency_ms = (SELECT array_agg(CASE WHEN b > 0 THEN b ELSE a END ORDER BY i) FROM unnest(probe_rollup.latency_ms, EXCLUDED.latency_ms) WITH ORDINALITY AS t(a, b, i))`)
}
