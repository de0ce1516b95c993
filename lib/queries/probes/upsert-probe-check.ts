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

// Creates or reconfigures a check by (service, name); its running state is kept.
export async function upsertProbeCheck(client: Queryable, serviceId: number, c: ProbeCheckConfig): Promise<{ id: number; created: boolean }> {
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

// An external check is created on its first posted result.
export async function findOrCreateExternalCheck(client: Queryable, serviceId: number, name: string): Promise<{ id: number; kind: string }> {
  const rows = await queryRows<{ id: number; kind: string }>(client, sql`
    WITH ins AS (
      INSERT INTO probe_check (service_id, name, kind, interval_seconds, timeout_ms) VALUES (${serviceId}, ${name}, 'external', 60, 5000)
      ON CONFLICT (service_id, name) DO NOTHING RETURNING id, kind::text AS kind
    )
    SELECT id, kind FROM ins UNION ALL SELECT id, kind::text FROM probe_check WHERE service_id = ${serviceId} AND name = ${name}
    LIMIT 1`)
  return rows[0]!
}
