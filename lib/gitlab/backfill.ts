import { z } from 'zod'
import { mergeRequestFacts, mergeRequestItem } from '@/lib/gitlab/merge-request-notes'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import { inferEnvironmentTier } from '@/lib/ingest/environment-tier'
import { applyGithubAction } from '@/lib/github/apply-action'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import type { CommitInput, DeploymentStatus } from '@/lib/validation/deployments'
import type { Caller } from '@/lib/auth/resolve-caller'
import { getGitlabConnection, getGitlabProject } from '@/lib/queries/gitlab-connections'
import { gitlabGet, gitlabList, type GitlabApi } from '@/lib/gitlab/gitlab-api'

// REST API times are ISO 8601 with an offset or Z
const time = z.iso.datetime({ offset: true }).transform((s) => new Date(s))
const deploymentItem = z.object({
  id: z.number().int(), status: z.string(), sha: z.string(), ref: z.string().nullish(), created_at: time, updated_at: time,
  user: z.object({ username: z.string() }).nullish(),
  deployable: z.object({ started_at: time.nullish(), finished_at: time.nullish(), web_url: z.string().nullish() }).nullish(),
})
const incidentItem = z.object({ iid: z.number().int(), title: z.string(), created_at: time, closed_at: time.nullish(), web_url: z.string().nullish(), severity: z.string().nullish() })
const compareCommit = z.object({ id: z.string(), committed_date: time, authored_date: time.nullish(), title: z.string().nullish() })

const statuses: Record<string, DeploymentStatus> = { created: 'in_progress', running: 'in_progress', success: 'success', failed: 'failure', canceled: 'cancelled', skipped: 'cancelled', blocked: 'in_progress' }
const severities = new Set(['critical', 'high', 'medium', 'low'])

export type GitlabBackfillResult = { deployments: number; mergeRequests: number; incidents: number }

// Imports a project's last `days` of deployments to one environment (oldest first; a success carries the
// commits GitLab's compare lists between the previous successful deployment's sha and its own), merged
// merge requests and incidents, under the webhook's ids: imported and live data never double, and a
// second run changes nothing.
export async function backfillGitlabProject(o: { api: GitlabApi; connectionId: number; project: string; environment: string; days: number; now?: Date }): Promise<GitlabBackfillResult> {
  const connection = await getGitlabConnection({ id: o.connectionId })
  const mapped = await getGitlabProject(o.connectionId, o.project)
  if (!connection || !mapped) throw new Error(`${o.project} is not mapped to a service on this connection`)
  const caller: Caller = { tokenId: null, teamId: connection.teamId, teamSlug: connection.teamSlug }
  const since = new Date((o.now ?? new Date()).getTime() - o.days * 86_400_000).toISOString()
  const project = `projects/${encodeURIComponent(o.project)}`
  const request = () => ({ raw: JSON.stringify({ gitlabBackfill: o.project }), receivedAt: new Date(), kind: 'gitlab:backfill' })

  const deployments = (await gitlabList(o.api, `${project}/deployments`, { environment: o.environment, updated_after: since, order_by: 'created_at', sort: 'asc' }, deploymentItem))
  let previousSuccess: string | undefined
  const tier = inferEnvironmentTier(o.environment.toLowerCase()) ?? 'production'
  for (const d of deployments) {
    const status = statuses[d.status]
    if (!status) continue
    let commits: CommitInput[] = []
    if (status === 'success') {
      commits = previousSuccess ? await compare(o.api, project, previousSuccess, d.sha) : [{ sha: d.sha.toLowerCase() }]
      previousSuccess = d.sha
    }
    const input: DeploymentInput = {
      source: 'gitlab', externalId: `deployment-${d.id}`, service: { slug: mapped.serviceSlug },
      environment: { name: o.environment.toLowerCase(), tier, path: 'environment' }, status,
      startedAt: d.deployable?.started_at ?? d.created_at, finishedAt: status === 'in_progress' ? undefined : (d.deployable?.finished_at ?? d.updated_at),
      sha: d.sha.toLowerCase(), ref: d.ref ?? undefined, url: d.deployable?.web_url ?? undefined, triggeredBy: d.user?.username, commits,
    }
    await ingestDeployments(caller, [input], request())
  }

  const service = { serviceId: mapped.serviceId, serviceSlug: mapped.serviceSlug, deployWorkflow: null, pathPrefixes: [] }
  const merged = await gitlabList(o.api, `${project}/merge_requests`, { state: 'merged', updated_after: since, order_by: 'updated_at', sort: 'asc', scope: 'all' }, mergeRequestItem)
  for (const mr of merged) {
    const sha = mr.merge_commit_sha ?? mr.squash_commit_sha ?? mr.sha
    if (!sha || !mr.merged_at) continue
    const commits = [{ sha: sha.toLowerCase(), prNumber: mr.iid, prOpenedAt: mr.created_at, prMergedAt: mr.merged_at }]
    await applyGithubAction({ kind: 'pullRequest', number: mr.iid, facts: await mergeRequestFacts(o.api, project, mr), commits }, caller, request(), service)
  }

  const incidents = await gitlabList(o.api, `${project}/issues`, { issue_type: 'incident', updated_after: since, scope: 'all', order_by: 'updated_at', sort: 'asc' }, incidentItem)
  for (const i of incidents) {
    await ingestIncident(caller, {
      id: `incident-${i.iid}`, service: mapped.serviceSlug, title: i.title.slice(0, 500), openedAt: i.created_at, resolvedAt: i.closed_at ?? null,
      url: i.web_url ?? undefined, severity: severities.has(i.severity?.toLowerCase() ?? '') ? (i.severity!.toLowerCase() as 'critical') : undefined,
    }, request(), 'gitlab')
  }
  return { deployments: deployments.length, mergeRequests: merged.length, incidents: incidents.length }
}

// The commits between two deployed shas (GitLab returns at most its compare limit; the oldest are dropped then).
async function compare(api: GitlabApi, project: string, from: string, to: string): Promise<CommitInput[]> {
  const { body } = await gitlabGet(api, `${project}/repository/compare?${new URLSearchParams({ from, to, straight: 'true' })}`)
  const commits = z.object({ commits: z.array(compareCommit) }).parse(body).commits
  return commits.map((c) => ({ sha: c.id.toLowerCase(), committedAt: c.committed_date, authoredAt: c.authored_date ?? undefined, message: c.title ?? undefined }))
}
