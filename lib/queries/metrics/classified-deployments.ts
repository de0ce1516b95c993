import sql, { type Sql } from 'sql-template-tag'
import { countsForCfr, strategyIn, type MetricWindow } from '@/lib/queries/metrics/scope-sql'

// Finished production deployments of the window, each with why it counts as a change failure and
// whether it was unplanned work. Defines CTEs ending in `classified` (docs/metrics.md spells the rules out):
// - failed: its status is failure;
// - rolled_back: the next deployment of the same service and environment is a rollback, i.e. flagged
//   rollback or deploying a version that was live before (an earlier version than the one it replaces);
//   stored at ingest as deployment.rolled_back / rolls_back (lib/queries/refresh-rollback-flags.ts);
// - incident_explicit / incident_inferred: an incident names it (deployment.caused_incident, kept by a
//   trigger on incident), or (no incident naming any deployment) it is the last successful deployment of
//   the service and environment within the service's attribution window (default 72 h) before the
//   incident opened (per request: it depends on the window); only incidents that count for change failure
//   rate (the service's CFR severities, not marked "not caused by a change": countsForCfr) link either way;
// - fixes_incident: an incident names it as its fix (deployment.fixed_incident).
// A strategy filter picks which deployments are listed, never how: the flags come from the whole sequence
// and attribution looks at every deployment, whatever its strategy.
export function classifiedDeploymentsCte(w: MetricWindow): Sql {
  return sql`
    ${attributedCte(w)},
    classified AS (
      SELECT d.id, d.service_id, d.environment_id, d.status, d.finished_at, d.is_hotfix,
        d.rolls_back AS is_rollback_effective, d.status = 'failure' AS failed, d.rolled_back,
        d.caused_incident AS incident_explicit, a.deployment_id IS NOT NULL AS incident_inferred,
        d.fixed_incident AS fixes_incident, d.next_success_at
      FROM deployment d LEFT JOIN inferred_links a ON a.deployment_id = d.id
      WHERE d.service_id = ANY(${w.serviceIds}::int[]) AND d.environment_id = ANY(${w.environmentIds}::int[])
        AND d.status IN ('success', 'failure') AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to}
        AND ${strategyIn(sql`d.strategy`, w)}
    )`
}

// A scope's change failures from the deployments' stored flags (the deployment rollups count them
// and the unplanned ones): the window's change failures (failed, rolled back or named as an incident's
// cause: one indexed flag) and the deployments incidents are attributed to (inferred per request),
// for recovery and the attributed ones' share.
export function changeFailureCandidatesCte(w: MetricWindow): Sql {
  const inScope = sql`d.environment_id = ANY(${w.environmentIds}::int[]) AND d.service_id = ANY(${w.serviceIds}::int[])
    AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to}`
  // all in the change_failure index: an index-only scan
  const columns = sql`d.id, d.service_id, d.environment_id, d.status, d.finished_at, d.rolled_back, d.caused_incident, d.next_success_at`
  return sql`
    ${attributedCte(w)},
    candidates AS (
      SELECT ${columns} FROM deployment d WHERE d.change_failure AND ${inScope}
      UNION ALL
      SELECT ${columns} FROM deployment d
      WHERE d.id IN (SELECT deployment_id FROM inferred_links) AND NOT d.change_failure AND d.status IN ('success', 'failure') AND ${inScope}
    ),
    classified AS (
      SELECT q.id, q.service_id, q.environment_id, q.status, q.finished_at, q.status = 'failure' AS failed, q.rolled_back,
        q.caused_incident AS incident_explicit, a.deployment_id IS NOT NULL AS incident_inferred, q.next_success_at
      FROM candidates q LEFT JOIN inferred_links a ON a.deployment_id = q.id
    )`
}

// attributed: each incident without a named cause, with the deployment the attribution rule picks.
function attributedCte(w: MetricWindow): Sql {
  return sql`
    attributed AS (
      -- per incident and scoped environment one backward index probe: the last successful deployment
      -- within the attribution window; the latest of those wins
      SELECT i.id AS incident_id, d.id AS deployment_id
      FROM incident i JOIN service s ON s.id = i.service_id
      CROSS JOIN LATERAL (
        SELECT per_env.id FROM unnest(${w.environmentIds}::int[]) AS e(id)
        CROSS JOIN LATERAL (
          SELECT d.id, d.finished_at FROM deployment d
          WHERE d.service_id = i.service_id AND d.environment_id = e.id AND d.status = 'success'
            AND d.finished_at <= i.opened_at AND d.finished_at >= i.opened_at - make_interval(hours => s.incident_attribution_hours)
          ORDER BY d.finished_at DESC, d.id DESC LIMIT 1) per_env
        WHERE i.environment_id IS NULL OR e.id = i.environment_id
        ORDER BY per_env.finished_at DESC, per_env.id DESC LIMIT 1) d
      WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND i.cause_deployment_id IS NULL AND ${countsForCfr}
        AND i.opened_at >= ${w.from} AND i.opened_at < ${w.to}::timestamptz + make_interval(hours => s.incident_attribution_hours)
    ),
    inferred_links AS (SELECT DISTINCT deployment_id FROM attributed)`
}
