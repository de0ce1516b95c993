import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'

// Recomputes "the successful deployment that first carried each change to each environment" for
// every change this deployment carries, so out-of-order arrivals and status corrections stay right.
export async function refreshFirstDeployments(tx: Tx, deploymentId: number, environmentIds: number[]): Promise<void> {
  await tx.query(sql`DELETE FROM change_first_deployment WHERE deployment_id = ${deploymentId}`).then((r) => r.rowCount ?? 0)
  await tx.query(sql`
    INSERT INTO change_first_deployment (change_id, environment_id, deployment_id, deployed_at, service_id, committed_at, pr_number, pr_merged_at)
    SELECT DISTINCT ON (other.change_id, d.environment_id) other.change_id, d.environment_id, d.id, d.finished_at,
      c.service_id, coalesce(c.committed_at, c.authored_at), c.pr_number, c.pr_merged_at
    FROM deployment_change mine
    JOIN deployment_change other ON other.change_id = mine.change_id
    JOIN deployment d ON d.id = other.deployment_id
    JOIN change c ON c.id = mine.change_id
    WHERE mine.deployment_id = ${deploymentId} AND d.status = 'success' AND d.finished_at IS NOT NULL
      AND d.environment_id = ANY(${environmentIds}::int[])
    ORDER BY other.change_id, d.environment_id, d.finished_at, d.id
    ON CONFLICT (change_id, environment_id) DO UPDATE
      SET deployment_id = EXCLUDED.deployment_id, deployed_at = EXCLUDED.deployed_at
      WHERE (EXCLUDED.deployed_at, EXCLUDED.deployment_id) < (change_first_deployment.deployed_at, change_first_deployment.deployment_id)`).then((r) => r.rowCount ?? 0)
}
