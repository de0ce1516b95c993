import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'

export type ProbeCheckConfig = {
  name: string
  kind: 'http' | 'tcp' | 'external'
  method: string
  url: string | null
  host: string | null
  port: number | null
  expectStatusMin: number
  expectStatusMax: number
  bodyContains: string | null
  timeoutMs: number
  intervalSeconds: number
  failureThreshold: number
  enabled: boolean
}

// Creates or reconfigures a check by (service, name); its running state is kept. A known check is
// updated in place (INSERT ... ON CONFLICT would take a sequence value on every reconfiguration); the
// upsert is the fallback for a new one and settles two first writes racing each other.
export async function upsertProbeCheck(client: Queryable, serviceId: number, c: ProbeCheckConfig): Promise<{ id: number; created: boolean }> {
  const updated = await queryRows<{ id: number }>(client, sql`
    UPDATE probe_check SET kind = ${c.kind}::"ProbeKind", method = ${c.method}, url = ${c.url}, host = ${c.host}, port = ${c.port},
      expect_status_min = ${c.expectStatusMin}, expect_status_max = ${c.expectStatusMax}, body_contains = ${c.bodyContains},
      timeout_ms = ${c.timeoutMs}, interval_seconds = ${c.intervalSeconds}, failure_threshold = ${c.failureThreshold},
      enabled = ${c.enabled}, updated_at = now()
    WHERE service_id = ${serviceId} AND name = ${c.name}
    RETURNING id`)
  if (updated[0]) return { id: updated[0].id, created: false }
  const rows = await queryRows<{ id: number; created: boolean }>(client, sql`
    INSERT INTO probe_check (service_id, name, kind, method, url, host, port, expect_status_min, expect_status_max,
      body_contains, timeout_ms, interval_seconds, failure_threshold, enabled)
    VALUES (${serviceId}, ${c.name}, ${c.kind}::"ProbeKind", ${c.method}, ${c.url}, ${c.host}, ${c.port}, ${c.expectStatusMin},
      ${c.expectStatusMax}, ${c.bodyContains}, ${c.timeoutMs}, ${c.intervalSeconds}, ${c.failureThreshold}, ${c.enabled})
    ON CONFLICT (service_id, name) DO UPDATE SET kind = EXCLUDED.kind, method = EXCLUDED.method, url = EXCLUDED.url,
      host = EXCLUDED.host, port = EXCLUDED.port, expect_status_min = EXCLUDED.expect_status_min,
      expect_status_max = EXCLUDED.expect_status_max, body_contains = EXCLUDED.body_contains, timeout_ms = EXCLUDED.timeout_ms,
      interval_seconds = EXCLUDED.interval_seconds, failure_threshold = EXCLUDED.failure_threshold, enabled = EXCLUDED.enabled,
      updated_at = now()
    RETURNING id, (xmax = 0) AS created`)
  return rows[0]!
}

// An external check is created on its first posted result. Every later result finds it without an
// insert attempt (NOT EXISTS): ON CONFLICT alone would take a sequence value per result.
export async function findOrCreateExternalCheck(client: Queryable, serviceId: number, name: string): Promise<{ id: number; kind: string }> {
  const rows = await queryRows<{ id: number; kind: string }>(client, sql`
    WITH ins AS (
      INSERT INTO probe_check (service_id, name, kind, interval_seconds, timeout_ms)
      SELECT ${serviceId}::int, ${name}::text, 'external'::"ProbeKind", 60, 5000
      WHERE NOT EXISTS (SELECT 1 FROM probe_check WHERE service_id = ${serviceId} AND name = ${name})
      ON CONFLICT (service_id, name) DO NOTHING RETURNING id, kind::text AS kind
    )
    SELECT id, kind FROM ins UNION ALL SELECT id, kind::text FROM probe_check WHERE service_id = ${serviceId} AND name = ${name}
    LIMIT 1`)
  return rows[0]!
}
