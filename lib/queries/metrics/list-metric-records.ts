import sql, { type Sql } from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { classifiedDeploymentsCte } from '@/lib/queries/metrics/classified-deployments'
import { countsForCfr, countsForTtr, strategyIn, type MetricWindow } from '@/lib/queries/metrics/scope-sql'
import { firstDeployedWith } from '@/lib/queries/metrics/lead-time'
import type { MetricName } from '@/lib/metrics/definitions'

// The rows behind each metric, newest first, for drill-down (offset pages over one window). Deployment
// records carry the deployment's id (its page, /deployments/<id>), commit sha and the service's repository
// (the commit's link).
const deploymentColumns = sql`d.id, s.slug AS service, e.name AS environment, d.external_id AS "externalId", d.status::text AS status,
  d.finished_at AS "finishedAt", d.version, d.strategy::text AS strategy, d.sha, s.repository_url AS "repositoryUrl", d.url,
  d.is_rollback AS rollback, d.is_hotfix AS hotfix`

const queries: Record<MetricName, (w: MetricWindow) => Sql> = {
  deploymentFrequency: (w) => sql`
    SELECT ${deploymentColumns} FROM deployment d JOIN service s ON s.id = d.service_id JOIN environment e ON e.id = d.environment_id
    WHERE d.service_id = ANY(${w.serviceIds}::int[]) AND d.environment_id = ANY(${w.environmentIds}::int[])
      AND d.status IN ('success', 'failure') AND d.finished_at >= ${w.from} AND d.finished_at < ${w.to} AND ${strategyIn(sql`d.strategy`, w)}
    ORDER BY d.finished_at DESC, d.id DESC`,
  leadTime: (w) => sql`
    SELECT c.id AS "changeId", c.sha, s.slug AS service, e.name AS environment, c.pr_number AS "prNumber",
      coalesce(c.committed_at, c.authored_at) AS "committedAt", f.deployed_at AS "deployedAt", d.id AS "deploymentId",
      d.external_id AS "deploymentExternalId", d.strategy::text AS "deploymentStrategy", s.repository_url AS "repositoryUrl",
      extract(epoch FROM f.deployed_at - coalesce(c.committed_at, c.authored_at))::float8 AS "leadTimeSeconds",
      CASE WHEN coalesce(c.committed_at, c.authored_at) IS NULL THEN 'excluded: no commit time'
        WHEN f.deployed_at < coalesce(c.committed_at, c.authored_at) THEN 'excluded: deployed before its commit time' END AS note,
      -- its pull request's moments, for its stage times (docs/metrics.md, "Lead time stages")
      r.url AS "prUrl", LEAST(r.first_commit_at, p.first_committed_at) AS "prFirstCommitAt", r.ready_at AS "prReadyAt",
      r.first_review_at AS "prFirstReviewAt", COALESCE(r.merged_at, p.merged_at) AS "prMergedAt", p.deployed_at AS "prDeployedAt"
    FROM change_first_deployment f JOIN change c ON c.id = f.change_id JOIN service s ON s.id = c.service_id
    JOIN environment e ON e.id = f.environment_id JOIN deployment d ON d.id = f.deployment_id
    LEFT JOIN pull_request_deployment p ON p.service_id = f.service_id AND p.environment_id = f.environment_id AND p.pr_number = c.pr_number
    LEFT JOIN pull_request r ON r.service_id = c.service_id AND r.number = c.pr_number
    WHERE f.service_id = ANY(${w.serviceIds}::int[]) AND f.environment_id = ANY(${w.environmentIds}::int[])
      AND f.deployed_at >= ${w.from} AND f.deployed_at < ${w.to} AND ${firstDeployedWith(w)}
    ORDER BY f.deployed_at DESC, c.id DESC`,
  changeFailureRate: (w) => classifiedRecords(w),
  reworkRate: (w) => classifiedRecords(w),
  failedDeploymentRecoveryTime: (w) => classifiedRecords(w, sql`WHERE c.failed OR c.rolled_back OR c.incident_explicit OR c.incident_inferred`),
  timeToRestore: (w) => sql`
    SELECT i.id, s.slug AS service, i.external_id AS "externalId", i.title, i.severity::text AS severity, i.opened_at AS "openedAt",
      i.resolved_at AS "resolvedAt", extract(epoch FROM i.resolved_at - i.opened_at)::float8 AS "restoreSeconds", i.is_outage AS outage,
      i.cause_deployment_id AS "causeDeploymentId"
    FROM incident i JOIN service s ON s.id = i.service_id
    WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND (i.environment_id IS NULL OR i.environment_id = ANY(${w.environmentIds}::int[]))
      AND i.resolved_at >= ${w.from} AND i.resolved_at < ${w.to} AND ${countsForTtr}
    ORDER BY i.resolved_at DESC, i.id DESC`,
  availability: (w) => sql`
    SELECT i.id, s.slug AS service, i.external_id AS "externalId", i.title, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt"
    FROM incident i JOIN service s ON s.id = i.service_id
    WHERE i.service_id = ANY(${w.serviceIds}::int[]) AND (i.environment_id IS NULL OR i.environment_id = ANY(${w.environmentIds}::int[]))
      AND i.is_outage AND i.opened_at < ${w.to} AND (i.resolved_at IS NULL OR i.resolved_at > ${w.from})
    ORDER BY i.opened_at DESC, i.id DESC`,
}

// The highest traffic share (percent) a deployment reached: its rollout's, else all of it once it
// finished successfully; unknown for a failure that reported no rollout.
export const blastRadius = sql`coalesce(d.max_weight::float8, CASE WHEN d.status = 'success' THEN 100::float8 END)`

// Each deployment with the rule(s) that made it a change failure or unplanned, and the incidents behind it.
function classifiedRecords(w: MetricWindow, where: Sql = sql``): Sql {
  return sql`
    WITH ${classifiedDeploymentsCte(w)}
    SELECT c.id, s.slug AS service, e.name AS environment, d.external_id AS "externalId", c.status::text AS status,
      c.finished_at AS "finishedAt", d.version, d.strategy::text AS strategy, ${blastRadius} AS "blastRadius", d.sha,
      s.repository_url AS "repositoryUrl", c.failed, c.rolled_back AS "rolledBack",
      c.incident_explicit AS "incidentNamedIt", c.incident_inferred AS "incidentAttributed",
      (c.failed OR c.rolled_back OR c.incident_explicit OR c.incident_inferred) AS "changeFailure",
      (c.is_hotfix OR c.is_rollback_effective OR c.fixes_incident) AS unplanned,
      c.is_hotfix AS hotfix, c.is_rollback_effective AS rollback, c.fixes_incident AS "fixesIncident",
      ARRAY(SELECT i.external_id FROM incident i JOIN service s ON s.id = i.service_id WHERE i.cause_deployment_id = c.id AND ${countsForCfr}
        UNION SELECT i.external_id FROM attributed a JOIN incident i ON i.id = a.incident_id WHERE a.deployment_id = c.id) AS incidents
    FROM classified c JOIN deployment d ON d.id = c.id JOIN service s ON s.id = c.service_id JOIN environment e ON e.id = c.environment_id
    ${where}
    ORDER BY c.finished_at DESC, c.id DESC`
}

export async function listMetricRecords(metric: MetricName, w: MetricWindow, page: { limit: number; offset: number }, client: Queryable = pool()) {
  return queryRows<Record<string, unknown>>(client, sql`${queries[metric](w)} LIMIT ${page.limit + 1} OFFSET ${page.offset}`)
}
