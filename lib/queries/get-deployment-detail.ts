import sql from 'sql-template-tag'
import { pool, queryRows, type Queryable } from '@/lib/db'
import { readableTeamsSql, type ReadableTeams } from '@/lib/queries/readable-teams'

export type DeploymentDetail = {
  id: number; service: string; serviceName: string; team: string; environment: string; source: string; externalId: string
  status: string; startedAt: Date | null; finishedAt: Date | null; sha: string | null; ref: string | null; version: string | null
  strategy: string; flaggedRollback: boolean; rollsBack: boolean; rolledBack: boolean; hotfix: boolean; changeFailure: boolean
  nextSuccessAt: Date | null; url: string | null; triggeredBy: string | null; repositoryUrl: string | null
}
export type DeploymentCommit = {
  sha: string; message: string | null; authoredAt: Date | null; committedAt: Date | null
  prNumber: number | null; prOpenedAt: Date | null; prMergedAt: Date | null
  // this deployment first carried the commit to its environment (lead time ends here)
  firstHere: boolean
}
export type DeploymentIncident = { id: number; externalId: string; title: string; openedAt: Date; resolvedAt: Date | null; outage: boolean; role: 'caused' | 'fixed'; method: string | null }
export type DeploymentScan = { id: number; kind: string; format: string; scannedAt: Date; score: number | null; grade: string | null; broken: boolean; matchedBy: 'digest' | 'sha' }
export type NeighbourDeployment = { id: number; externalId: string; version: string | null; status: string; finishedAt: Date | null; rollsBack: boolean; rolledBack: boolean }

// One deployment of a readable team with what it carried and what followed it, for /deployments/<id>;
// null when there is none or the reader may not read its team (the page answers both with a 404).
export async function getDeploymentDetail(id: number, readable: ReadableTeams, db: Queryable = pool()) {
  const [d] = await queryRows<DeploymentDetail & { serviceId: number; environmentId: number }>(db, sql`
    SELECT d.id, d.service_id AS "serviceId", d.environment_id AS "environmentId", s.slug AS service, s.name AS "serviceName", t.slug AS team,
      e.name AS environment, d.source, d.external_id AS "externalId", d.status::text AS status, d.started_at AS "startedAt",
      d.finished_at AS "finishedAt", d.sha, d.ref, d.version, d.strategy::text AS strategy, d.is_rollback AS "flaggedRollback",
      d.rolls_back AS "rollsBack", d.rolled_back AS "rolledBack", d.is_hotfix AS hotfix, coalesce(d.change_failure, false) AS "changeFailure",
      d.next_success_at AS "nextSuccessAt", d.url, d.triggered_by AS "triggeredBy", s.repository_url AS "repositoryUrl"
    FROM deployment d JOIN service s ON s.id = d.service_id JOIN team t ON t.id = s.team_id JOIN environment e ON e.id = d.environment_id
    WHERE d.id = ${id} AND ${readableTeamsSql(sql`s.team_id`, readable)}`)
  if (!d) return null
  const [commits, incidents, scans, neighbours] = await Promise.all([
    queryRows<DeploymentCommit>(db, sql`
      SELECT c.sha, c.message, c.authored_at AS "authoredAt", c.committed_at AS "committedAt", c.pr_number AS "prNumber",
        c.pr_opened_at AS "prOpenedAt", c.pr_merged_at AS "prMergedAt",
        EXISTS (SELECT 1 FROM change_first_deployment f WHERE f.change_id = c.id AND f.deployment_id = ${id}) AS "firstHere"
      FROM deployment_change dc JOIN change c ON c.id = dc.change_id
      WHERE dc.deployment_id = ${id} ORDER BY coalesce(c.committed_at, c.authored_at) DESC NULLS LAST, c.sha LIMIT 500`),
    queryRows<DeploymentIncident>(db, sql`
      SELECT i.id, i.external_id AS "externalId", i.title, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.is_outage AS outage,
        CASE WHEN i.cause_deployment_id = ${id} THEN 'caused' ELSE 'fixed' END AS role,
        CASE WHEN i.cause_deployment_id = ${id} THEN i.cause_link_method::text END AS method
      FROM incident i WHERE i.cause_deployment_id = ${id} OR i.fix_deployment_id = ${id} ORDER BY i.opened_at, i.id`),
    // the scans of its image (digest named in the version) or commit: the rule of the scans' own deployment links
    queryRows<DeploymentScan>(db, sql`
      SELECT c.id, c.kind, c.format, c.scanned_at AS "scannedAt", c.score, c.grade, c.broken,
        CASE WHEN c.image_digest IS NOT NULL AND strpos(${d.version ?? ''}, c.image_digest) > 0 THEN 'digest' ELSE 'sha' END AS "matchedBy"
      FROM compliance_scan c
      WHERE c.service_id = ${d.serviceId} AND (c.environment_id IS NULL OR c.environment_id = ${d.environmentId})
        AND ((c.commit_sha IS NOT NULL AND ${d.sha}::text IS NOT NULL AND left(${d.sha}::text, length(c.commit_sha)) = c.commit_sha)
          OR (c.image_digest IS NOT NULL AND strpos(${d.version ?? ''}, c.image_digest) > 0))
      ORDER BY c.scanned_at DESC, c.id DESC LIMIT 20`),
    // the finished deployments just before and after it in its service and environment: the rollback chain
    d.finishedAt ? queryRows<NeighbourDeployment & { side: 'before' | 'after' }>(db, sql`
      (SELECT 'before' AS side, id, external_id AS "externalId", version, status::text AS status, finished_at AS "finishedAt",
        rolls_back AS "rollsBack", rolled_back AS "rolledBack"
       FROM deployment WHERE service_id = ${d.serviceId} AND environment_id = ${d.environmentId} AND status IN ('success', 'failure')
         AND (finished_at < ${d.finishedAt} OR (finished_at = ${d.finishedAt} AND id < ${id}))
       ORDER BY finished_at DESC, id DESC LIMIT 1)
      UNION ALL
      (SELECT 'after', id, external_id, version, status::text, finished_at, rolls_back, rolled_back
       FROM deployment WHERE service_id = ${d.serviceId} AND environment_id = ${d.environmentId} AND status IN ('success', 'failure')
         AND (finished_at > ${d.finishedAt} OR (finished_at = ${d.finishedAt} AND id > ${id}))
       ORDER BY finished_at, id LIMIT 1)`) : Promise.resolve([]),
  ])
  const { serviceId: _s, environmentId: _e, ...deployment } = d
  return {
    deployment,
    commits,
    incidents,
    scans,
    before: neighbours.find((n) => n.side === 'before') ?? null,
    after: neighbours.find((n) => n.side === 'after') ?? null,
  }
}
export type DeploymentPageData = NonNullable<Awaited<ReturnType<typeof getDeploymentDetail>>>
