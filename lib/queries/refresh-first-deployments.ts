import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'

// Recomputes "the successful deployment that first carried each change to each environment" for
// every change this deployment carries, so out-of-order arrivals and status corrections stay right.
// The deployment's changes are read first and passed as an array: joined in one statement, a planner
// with stale statistics (a young table, or autovacuum off) started from every successful deployment of
// the environment, and each ingest slowed with the service's history (docs/performance.md, webhooks).
export async function refreshFirstDeployments(tx: Tx, deploymentId: number, environmentIds: number[]): Promise<void> {
  await tx.query(sql`DELETE FROM change_first_deployment WHERE deployment_id = ${deploymentId}`)
  const changeIds = (await queryRows<{ changeId: number }>(tx, sql`SELECT change_id AS "changeId" FROM deployment_change WHERE deployment_id = ${deploymentId}`)).map((r) => r.changeId)
  if (changeIds.length === 0) return
  await tx.query(sql`
    INSERT INTO change_first_deployment (change_id, environment_id, deployment_id, deployed_at, service_id, committed_at, pr_number, pr_merged_at)
    SELECT DISTINCT ON (c.id, first.environment_id) c.id, first.environment_id, first.id, first.finished_at,
      c.service_id, coalesce(c.committed_at, c.authored_at), c.pr_number, c.pr_merged_at
    FROM change c
    CROSS JOIN LATERAL (
      SELECT d.id, d.environment_id, d.finished_at
      FROM deployment_change other JOIN deployment d ON d.id = other.deployment_id
      WHERE other.change_id = c.id AND d.status = 'success' AND d.finished_at IS NOT NULL
        AND d.environment_id = ANY(${environmentIds}::int[])
      OFFSET 0 -- kept a subquery per change (not flattened), so the plan starts from these changes
    ) first
    WHERE c.id = ANY(${changeIds}::int[])
    ORDER BY c.id, first.environment_id, first.finished_at, first.id
    ON CONFLICT (change_id, environment_id) DO UPDATE
      SET deployment_id = EXCLUDED.deployment_id, deployed_at = EXCLUDED.deployed_at
      WHERE (EXCLUDED.deployed_at, EXCLUDED.deployment_id) < (change_first_deployment.deployed_at, change_first_deployment.deployment_id)`)
}
