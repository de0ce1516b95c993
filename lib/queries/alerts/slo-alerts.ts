import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'
import type { HoldingRule } from '@/lib/metrics/burn-rate'

export type OpenSloAlert = { id: number; serviceId: number; teamId: number; team: string; service: string; sloTarget: number; rule: HoldingRule['rule']; severity: HoldingRule['severity']; openedAt: Date }

export async function listOpenSloAlerts(client: Queryable, serviceIds: number[] | null): Promise<OpenSloAlert[]> {
  return queryRows<OpenSloAlert>(client, sql`
    SELECT a.id, a.service_id AS "serviceId", s.team_id AS "teamId", t.slug AS team, s.slug AS service, a.slo_target::float8 AS "sloTarget",
      a.rule, a.severity, a.opened_at AS "openedAt"
    FROM slo_alert a JOIN service s ON s.id = a.service_id JOIN team t ON t.id = s.team_id
    WHERE a.resolved_at IS NULL AND (${serviceIds}::int[] IS NULL OR a.service_id = ANY(${serviceIds}::int[]))`)
}

// Opens an alert at `at` unless one of this service and rule is open, or resolved at or after `at` (an
// evaluation of an earlier minute, run late, must not reopen what a later one closed). null: not opened.
export async function openSloAlert(client: Queryable, a: { serviceId: number; sloTarget: number; at: Date } & HoldingRule): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(client, sql`
    INSERT INTO slo_alert (service_id, rule, severity, slo_target, opened_at, long_burn_rate, short_burn_rate)
    SELECT ${a.serviceId}, ${a.rule}, ${a.severity}, ${a.sloTarget}, ${a.at}, ${a.longBurnRate}, ${a.shortBurnRate}
    WHERE NOT EXISTS (
      SELECT 1 FROM slo_alert WHERE service_id = ${a.serviceId} AND rule = ${a.rule} AND (resolved_at IS NULL OR resolved_at >= ${a.at}))
    ON CONFLICT DO NOTHING
    RETURNING id`)
  return rows[0]?.id ?? null
}

// Resolves an open alert at `at` (never before it opened). false: already resolved, or not yet open then.
export async function resolveSloAlert(client: Queryable, id: number, at: Date): Promise<boolean> {
  const r = await client.query(sql`UPDATE slo_alert SET resolved_at = ${at} WHERE id = ${id} AND resolved_at IS NULL AND opened_at < ${at}`)
  return (r.rowCount ?? 0) > 0
}

export type SloAlertRow = { serviceId: number; rule: string; openedAt: Date; resolvedAt: Date | null }

export async function listSloAlerts(client: Queryable, serviceIds: number[]): Promise<SloAlertRow[]> {
  return queryRows<SloAlertRow>(client, sql`
    SELECT service_id AS "serviceId", rule, opened_at AS "openedAt", resolved_at AS "resolvedAt"
    FROM slo_alert WHERE service_id = ANY(${serviceIds}::int[]) ORDER BY opened_at, rule`)
}
