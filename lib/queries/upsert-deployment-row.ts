import type { Tx } from '@/lib/db'
import type { DeploymentFields } from '@/lib/ingest/deployment-merge'

export type DeploymentKey = { serviceId: number; source: string; externalId: string }
export type StoredDeployment = DeploymentFields & { id: number; createdAt: Date; updatedAt: Date }

const columns = `id, environment_id AS "environmentId", status::text AS status, started_at AS "startedAt",
  finished_at AS "finishedAt", sha, ref, version, strategy::text AS strategy, is_rollback AS "isRollback",
  is_hotfix AS "isHotfix", url, triggered_by AS "triggeredBy", rollout_steps AS "rolloutSteps", ready_at AS "readyAt",
  promoted_at AS "promotedAt", aborted_at AS "abortedAt", max_weight::float8 AS "maxWeight", created_at AS "createdAt", updated_at AS "updatedAt"`

// Inserts unless (service, source, external id) exists; null means it exists (then lock and merge it).
// The NOT EXISTS keeps an update of a known deployment from taking a sequence value (ON CONFLICT alone
// takes one per attempt); ON CONFLICT still settles two first posts racing each other.
export async function insertDeploymentIfNew(tx: Tx, key: DeploymentKey, f: DeploymentFields): Promise<StoredDeployment | null> {
  const { rows } = await tx.query<StoredDeployment>(
    `INSERT INTO deployment (service_id, source, external_id, environment_id, status, started_at, finished_at, sha, ref,
       version, strategy, is_rollback, is_hotfix, url, triggered_by, rollout_steps, ready_at, promoted_at, aborted_at, max_weight)
     SELECT $1, $2, $3, $4, $5::"DeploymentStatus", $6, $7, $8, $9, $10, $11::"DeploymentStrategy", $12, $13, $14, $15,
       $16::jsonb, $17, $18, $19, $20
     WHERE NOT EXISTS (SELECT 1 FROM deployment WHERE service_id = $1 AND source = $2 AND external_id = $3)
     ON CONFLICT (service_id, source, external_id) DO NOTHING
     RETURNING ${columns}`,
    [key.serviceId, key.source, key.externalId, f.environmentId, f.status, f.startedAt, f.finishedAt, f.sha, f.ref,
      f.version, f.strategy, f.isRollback, f.isHotfix, f.url, f.triggeredBy, ...rolloutParams(f)],
  )
  return rows[0] ?? null
}

export async function lockDeployment(tx: Tx, key: DeploymentKey): Promise<StoredDeployment> {
  const { rows } = await tx.query<StoredDeployment>(
    `SELECT ${columns} FROM deployment WHERE service_id = $1 AND source = $2 AND external_id = $3 FOR UPDATE`,
    [key.serviceId, key.source, key.externalId],
  )
  if (!rows[0]) throw new Error(`deployment ${key.source}/${key.externalId} vanished while locked`)
  return rows[0]
}

export async function updateDeployment(tx: Tx, id: number, f: DeploymentFields): Promise<StoredDeployment> {
  const { rows } = await tx.query<StoredDeployment>(
    `UPDATE deployment SET environment_id = $2, status = $3::"DeploymentStatus", started_at = $4, finished_at = $5, sha = $6,
       ref = $7, version = $8, strategy = $9::"DeploymentStrategy", is_rollback = $10, is_hotfix = $11, url = $12,
       triggered_by = $13, rollout_steps = $14::jsonb, ready_at = $15, promoted_at = $16, aborted_at = $17, max_weight = $18,
       updated_at = now()
     WHERE id = $1 RETURNING ${columns}`,
    [id, f.environmentId, f.status, f.startedAt, f.finishedAt, f.sha, f.ref, f.version, f.strategy, f.isRollback,
      f.isHotfix, f.url, f.triggeredBy, ...rolloutParams(f)],
  )
  if (!rows[0]) throw new Error(`deployment ${id} vanished during update`)
  return rows[0]
}

const rolloutParams = (f: DeploymentFields) => [f.rolloutSteps && JSON.stringify(f.rolloutSteps), f.readyAt, f.promotedAt, f.abortedAt, f.maxWeight]
