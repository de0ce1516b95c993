import type pg from 'pg'
import type { DemoProbeHistory } from '@/lib/demo/probe-history'
import { upsertProbeRollups } from '@/lib/queries/probes/upsert-probe-rollups'

const HOUR = 3_600_000
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

/**
 * The demo's probe history, stored as the probes store theirs: the checks with their running state, the
 * state changes, the outage incidents (source probe), and per-minute rollups: the hours with a failing
 * sample through the probes' own writer, every other hour all passing, made in one set-based statement.
 * The checks are `external` (results posted to the availability API), which the scheduler never runs.
 */
export async function insertDemoProbes(
  client: pg.ClientBase, h: DemoProbeHistory, check: { name: string; intervalSeconds: number; timeoutMs: number; failureThreshold: number },
  busyLatency: (baseMs: number) => number,
): Promise<void> {
  const c = h.checks
  await client.query(`
    INSERT INTO probe_check (id, service_id, name, kind, interval_seconds, timeout_ms, failure_threshold, enabled, last_up,
      last_sample_at, consecutive_failures, down_since, open_incident_id, created_at, updated_at)
    SELECT u.id, u.service_id, $2, 'external', $3, $4, $5, true, u.last_up, u.last_sample_at, u.failures, u.down_since, u.incident,
      $6::timestamptz, u.last_sample_at
    FROM unnest($1::int[], $7::int[], $8::bool[], $9::timestamptz[], $10::int[], $11::timestamptz[], $12::int[])
      AS u(id, service_id, last_up, last_sample_at, failures, down_since, incident)`,
  [
    c.map((x) => x.id), check.name, check.intervalSeconds, check.timeoutMs, check.failureThreshold, iso(h.from),
    c.map((x) => x.serviceId), c.map((x) => x.state.lastUp), c.map((x) => x.state.lastSampleAt?.toISOString() ?? null),
    c.map((x) => x.state.consecutiveFailures), c.map((x) => x.state.downSince?.toISOString() ?? null), c.map((x) => x.state.openIncidentId),
  ])
  const i = h.incidents
  await client.query(`
    INSERT INTO incident (id, service_id, source, external_id, title, opened_at, resolved_at, is_outage, created_at, updated_at)
    SELECT u.id, u.service_id, 'probe', u.external_id, u.title, u.opened, u.resolved, true, u.opened, coalesce(u.resolved, u.opened)
    FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
      AS u(id, service_id, external_id, title, opened, resolved)`,
  [i.map((x) => x.id), i.map((x) => x.serviceId), i.map((x) => x.externalId), i.map((x) => x.title), i.map((x) => iso(x.openedAt)), i.map((x) => iso(x.resolvedAt))])
  const s = h.stateChanges
  await client.query(`
    INSERT INTO probe_state_change (check_id, at, up, detail)
    SELECT * FROM unnest($1::int[], $2::timestamptz[], $3::bool[], $4::text[])`,
  [s.map((x) => x.checkId), s.map((x) => iso(x.at)), s.map((x) => x.up), s.map((x) => x.detail)])
  await upsertProbeRollups(h.failingHours, client)
  await client.query(`
    INSERT INTO probe_rollup (check_id, hour, ok, fail, latency_ms)
    SELECT c.id, hour, array_fill(1::smallint, ARRAY[60]), array_fill(0::smallint, ARRAY[60]),
      array_fill((CASE WHEN extract(hour FROM hour AT TIME ZONE 'UTC') BETWEEN 8 AND 17 THEN c.busy ELSE c.base END)::smallint, ARRAY[60])
    FROM unnest($1::int[], $2::int[], $3::int[]) AS c(id, base, busy),
      generate_series($4::timestamptz, $5::timestamptz, interval '1 hour') AS hour
    ON CONFLICT (check_id, hour) DO NOTHING`,
  [c.map((x) => x.id), c.map((x) => x.latencyMs), c.map((x) => busyLatency(x.latencyMs)),
    iso(Math.floor(h.from / HOUR) * HOUR), iso(Math.floor((h.to - 1) / HOUR) * HOUR)])
  await client.query(`SELECT setval(pg_get_serial_sequence('probe_check', 'id'), coalesce((SELECT max(id) FROM probe_check), 0) + 1, false)`)
}
