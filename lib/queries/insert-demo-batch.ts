import type pg from 'pg'
import type { DemoBatch } from '@/lib/demo/types'
import {
  binaryBoolArray, binaryInt4Array, binaryTextArray, binaryTimestampArray,
} from './pg-array-literal'

// Every parameter is a binary-format array (see pg-array-literal.ts): no number formatting in Node and no
// text parsing in Postgres. Times travel as binary timestamptz; enum values as text, cast per row.
// One statement with data-modifying CTEs: a batch costs one round trip and one (prepared) plan.
const INSERT_DEMO_BATCH = `
  WITH deployments AS (
    INSERT INTO deployment (id, service_id, environment_id, source, external_id, status, started_at, finished_at, sha,
      ref, version, strategy, is_rollback, is_hotfix, url, triggered_by, created_at, updated_at, ready_at, promoted_at, aborted_at, max_weight)
    SELECT u.id, u.service_id, u.environment_id, 'demo', u.external_id, u.status::"DeploymentStatus", u.started,
      u.finished, u.sha, u.ref, u.version, u.strategy::"DeploymentStrategy", u.is_rollback, u.is_hotfix, u.url,
      u.triggered_by, u.started, coalesce(u.finished, u.started), u.ready, u.promoted, u.aborted, u.max_weight
    FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[],
      $8::text[], $9::text[], $10::text[], $11::text[], $12::bool[], $13::bool[], $14::text[], $15::text[],
      $48::timestamptz[], $49::timestamptz[], $50::timestamptz[], $51::int[])
      AS u(id, service_id, environment_id, external_id, status, started, finished, sha, ref, version, strategy,
        is_rollback, is_hotfix, url, triggered_by, ready, promoted, aborted, max_weight)
  ), changes AS (
    INSERT INTO change (id, service_id, sha, authored_at, committed_at, message, pr_number, pr_opened_at, pr_merged_at, created_at)
    SELECT u.id, u.service_id, u.sha, u.authored, u.committed, u.message, u.pr_number, u.opened, u.merged, u.merged
    FROM unnest($16::int[], $17::int[], $18::text[], $19::timestamptz[], $20::timestamptz[], $21::text[], $22::int[],
      $23::timestamptz[], $24::timestamptz[]) AS u(id, service_id, sha, authored, committed, message, pr_number, opened, merged)
  ), links AS (
    INSERT INTO deployment_change (deployment_id, change_id) SELECT * FROM unnest($25::int[], $26::int[])
  ), firsts AS (
    INSERT INTO change_first_deployment (change_id, environment_id, deployment_id, deployed_at, service_id, committed_at, pr_number, pr_merged_at)
    SELECT * FROM unnest($27::int[], $28::int[], $29::int[], $30::timestamptz[], $44::int[], $45::timestamptz[], $46::int[], $47::timestamptz[])
  )
  INSERT INTO incident (id, service_id, environment_id, source, external_id, title, severity, opened_at, resolved_at,
    is_outage, url, cause_deployment_id, cause_link_method, fix_deployment_id, created_at, updated_at)
  SELECT u.id, u.service_id, u.environment_id, 'demo', u.external_id, u.title, u.severity::"IncidentSeverity", u.opened,
    u.resolved, u.is_outage, u.url, u.cause_id, u.cause_method::"CauseLinkMethod", u.fix_id, u.opened,
    coalesce(u.resolved, u.opened)
  FROM unnest($31::int[], $32::int[], $33::int[], $34::text[], $35::text[], $36::text[], $37::timestamptz[],
    $38::timestamptz[], $39::bool[], $40::text[], $41::int[], $42::text[], $43::int[])
    AS u(id, service_id, environment_id, external_id, title, severity, opened, resolved, is_outage, url, cause_id,
      cause_method, fix_id)`

/** The statement's parameters for one batch (binary arrays; also built off the main thread in scale mode). */
export function demoBatchParams(b: DemoBatch): Buffer[] {
  const d = b.deployments
  const c = b.changes
  const l = b.deploymentChanges
  const f = b.firstDeployments
  const i = b.incidents
  return [
    binaryInt4Array(d, (r) => r.id), binaryInt4Array(d, (r) => r.serviceId), binaryInt4Array(d, (r) => r.environmentId),
    binaryTextArray(d, (r) => r.externalId), binaryTextArray(d, (r) => r.status), binaryTimestampArray(d, (r) => r.startedAt),
    binaryTimestampArray(d, (r) => r.finishedAt), binaryTextArray(d, (r) => r.sha), binaryTextArray(d, (r) => r.ref),
    binaryTextArray(d, (r) => r.version), binaryTextArray(d, (r) => r.strategy), binaryBoolArray(d, (r) => r.isRollback),
    binaryBoolArray(d, (r) => r.isHotfix), binaryTextArray(d, (r) => r.url), binaryTextArray(d, (r) => r.triggeredBy),

    binaryInt4Array(c, (r) => r.id), binaryInt4Array(c, (r) => r.serviceId), binaryTextArray(c, (r) => r.sha),
    binaryTimestampArray(c, (r) => r.authoredAt), binaryTimestampArray(c, (r) => r.committedAt),
    binaryTextArray(c, (r) => r.message), binaryInt4Array(c, (r) => r.prNumber),
    binaryTimestampArray(c, (r) => r.prOpenedAt), binaryTimestampArray(c, (r) => r.prMergedAt),

    binaryInt4Array(l, (r) => r.deploymentId), binaryInt4Array(l, (r) => r.changeId),

    binaryInt4Array(f, (r) => r.changeId), binaryInt4Array(f, (r) => r.environmentId),
    binaryInt4Array(f, (r) => r.deploymentId), binaryTimestampArray(f, (r) => r.deployedAt),

    binaryInt4Array(i, (r) => r.id), binaryInt4Array(i, (r) => r.serviceId), binaryInt4Array(i, (r) => r.environmentId),
    binaryTextArray(i, (r) => r.externalId), binaryTextArray(i, (r) => r.title), binaryTextArray(i, (r) => r.severity),
    binaryTimestampArray(i, (r) => r.openedAt), binaryTimestampArray(i, (r) => r.resolvedAt),
    binaryBoolArray(i, (r) => r.isOutage), binaryTextArray(i, (r) => r.url), binaryInt4Array(i, (r) => r.causeDeploymentId),
    binaryTextArray(i, (r) => r.causeLinkMethod), binaryInt4Array(i, (r) => r.fixDeploymentId),

    binaryInt4Array(f, (r) => r.serviceId), binaryTimestampArray(f, (r) => r.committedAt), binaryInt4Array(f, (r) => r.prNumber),
    binaryTimestampArray(f, (r) => r.prMergedAt),

    binaryTimestampArray(d, (r) => r.readyAt), binaryTimestampArray(d, (r) => r.promotedAt), binaryTimestampArray(d, (r) => r.abortedAt),
    binaryInt4Array(d, (r) => r.maxWeight),
  ]
}

/** Inserts one batch from its prepared parameters (ids are the generator's, constraints are checked when the load ends). */
export async function insertDemoParams(client: pg.ClientBase, params: Buffer[]): Promise<void> {
  await client.query({ name: 'insert-demo-batch', text: INSERT_DEMO_BATCH, values: params })
}

/** Inserts one generated batch. */
export async function insertDemoBatch(client: pg.ClientBase, b: DemoBatch): Promise<void> {
  await insertDemoParams(client, demoBatchParams(b))
}
