import type pg from 'pg'
import type { DemoBatch } from '@/lib/demo/types'
import { boolArray, numberArray, textArray } from './pg-array-literal'

// Times travel as epoch milliseconds (float8) and become timestamptz in SQL: cheaper to parse than ISO text.
// One statement with data-modifying CTEs: a batch costs one round trip and one (prepared) plan.
const INSERT_DEMO_BATCH = `
  WITH deployments AS (
    INSERT INTO deployment (id, service_id, environment_id, source, external_id, status, started_at, finished_at, sha,
      ref, version, strategy, is_rollback, is_hotfix, url, triggered_by, created_at, updated_at)
    SELECT u.id, u.service_id, u.environment_id, 'demo', u.external_id, u.status, to_timestamp(u.started / 1000),
      to_timestamp(u.finished / 1000), u.sha, u.ref, u.version, u.strategy, u.is_rollback, u.is_hotfix, u.url,
      u.triggered_by, to_timestamp(u.started / 1000), to_timestamp(coalesce(u.finished, u.started) / 1000)
    FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::"DeploymentStatus"[], $6::float8[], $7::float8[],
      $8::text[], $9::text[], $10::text[], $11::"DeploymentStrategy"[], $12::bool[], $13::bool[], $14::text[], $15::text[])
      AS u(id, service_id, environment_id, external_id, status, started, finished, sha, ref, version, strategy,
        is_rollback, is_hotfix, url, triggered_by)
  ), changes AS (
    INSERT INTO change (id, service_id, sha, authored_at, committed_at, message, pr_number, pr_opened_at, pr_merged_at, created_at)
    SELECT u.id, u.service_id, u.sha, to_timestamp(u.authored / 1000), to_timestamp(u.committed / 1000), u.message,
      u.pr_number, to_timestamp(u.opened / 1000), to_timestamp(u.merged / 1000), to_timestamp(u.merged / 1000)
    FROM unnest($16::int[], $17::int[], $18::text[], $19::float8[], $20::float8[], $21::text[], $22::int[],
      $23::float8[], $24::float8[]) AS u(id, service_id, sha, authored, committed, message, pr_number, opened, merged)
  ), links AS (
    INSERT INTO deployment_change (deployment_id, change_id) SELECT * FROM unnest($25::int[], $26::int[])
  ), firsts AS (
    INSERT INTO change_first_deployment (change_id, environment_id, deployment_id, deployed_at)
    SELECT u.change_id, u.environment_id, u.deployment_id, to_timestamp(u.deployed / 1000)
    FROM unnest($27::int[], $28::int[], $29::int[], $30::float8[]) AS u(change_id, environment_id, deployment_id, deployed)
  )
  INSERT INTO incident (id, service_id, environment_id, source, external_id, title, severity, opened_at, resolved_at,
    is_outage, url, cause_deployment_id, cause_link_method, fix_deployment_id, created_at, updated_at)
  SELECT u.id, u.service_id, u.environment_id, 'demo', u.external_id, u.title, u.severity, to_timestamp(u.opened / 1000),
    to_timestamp(u.resolved / 1000), u.is_outage, u.url, u.cause_id, u.cause_method, u.fix_id,
    to_timestamp(u.opened / 1000), to_timestamp(coalesce(u.resolved, u.opened) / 1000)
  FROM unnest($31::int[], $32::int[], $33::int[], $34::text[], $35::text[], $36::"IncidentSeverity"[], $37::float8[],
    $38::float8[], $39::bool[], $40::text[], $41::int[], $42::"CauseLinkMethod"[], $43::int[])
    AS u(id, service_id, environment_id, external_id, title, severity, opened, resolved, is_outage, url, cause_id,
      cause_method, fix_id)`

/** Inserts one generated batch (ids are the generator's, constraints are checked when the load ends). */
export async function insertDemoBatch(client: pg.ClientBase, b: DemoBatch): Promise<void> {
  const d = b.deployments
  const c = b.changes
  const l = b.deploymentChanges
  const f = b.firstDeployments
  const i = b.incidents
  await client.query({
    name: 'insert-demo-batch',
    text: INSERT_DEMO_BATCH,
    values: [
      numberArray(d.map((r) => r.id)), numberArray(d.map((r) => r.serviceId)), numberArray(d.map((r) => r.environmentId)),
      textArray(d.map((r) => r.externalId)), textArray(d.map((r) => r.status)), numberArray(d.map((r) => r.startedAt)),
      numberArray(d.map((r) => r.finishedAt)), textArray(d.map((r) => r.sha)), textArray(d.map((r) => r.ref)),
      textArray(d.map((r) => r.version)), textArray(d.map((r) => r.strategy)), boolArray(d.map((r) => r.isRollback)),
      boolArray(d.map((r) => r.isHotfix)), textArray(d.map((r) => r.url)), textArray(d.map((r) => r.triggeredBy)),

      numberArray(c.map((r) => r.id)), numberArray(c.map((r) => r.serviceId)), textArray(c.map((r) => r.sha)),
      numberArray(c.map((r) => r.authoredAt)), numberArray(c.map((r) => r.committedAt)), textArray(c.map((r) => r.message)),
      numberArray(c.map((r) => r.prNumber)), numberArray(c.map((r) => r.prOpenedAt)), numberArray(c.map((r) => r.prMergedAt)),

      numberArray(l.map((r) => r.deploymentId)), numberArray(l.map((r) => r.changeId)),

      numberArray(f.map((r) => r.changeId)), numberArray(f.map((r) => r.environmentId)),
      numberArray(f.map((r) => r.deploymentId)), numberArray(f.map((r) => r.deployedAt)),

      numberArray(i.map((r) => r.id)), numberArray(i.map((r) => r.serviceId)), numberArray(i.map((r) => r.environmentId)),
      textArray(i.map((r) => r.externalId)), textArray(i.map((r) => r.title)), textArray(i.map((r) => r.severity)),
      numberArray(i.map((r) => r.openedAt)), numberArray(i.map((r) => r.resolvedAt)), boolArray(i.map((r) => r.isOutage)),
      textArray(i.map((r) => r.url)), numberArray(i.map((r) => r.causeDeploymentId)),
      textArray(i.map((r) => r.causeLinkMethod)), numberArray(i.map((r) => r.fixDeploymentId)),
    ],
  })
}
