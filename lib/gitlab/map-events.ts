import { splitEnvironmentStrategy } from '@/lib/ingest/strategy-hints'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import { inferEnvironmentTier } from '@/lib/ingest/environment-tier'
import { environmentTierSchema } from '@/lib/validation/common'
import type { DeploymentStatus } from '@/lib/validation/deployments'
import type { IncidentSeverity } from '@/lib/validation/incidents'
import type { GithubAction } from '@/lib/github/map-events'
import type { GitlabProject } from '@/lib/queries/gitlab-connections'
import { deploymentEvent, issueEvent, mergeRequestEvent, pipelineEvent, pushEvent } from '@/lib/gitlab/event-schemas'
import { environmentSlug } from '@/lib/ingest/deployment-input'
import { mergeRequestAction } from '@/lib/gitlab/map-merge-requests'

// What one GitLab delivery means for the store: the same actions as GitHub's (deployment, changes,
// incident), written by the same ingest paths.
export type GitlabAction = GithubAction

const SOURCE = 'gitlab'
const ignored = (reason: string): GitlabAction => ({ kind: 'ignored', reason })
const SHA = /[0-9a-f]{40}/i

// Deployment and pipeline statuses (created, pending, running, success, failed, canceled, skipped, ...)
const statuses: Record<string, DeploymentStatus> = {
  created: 'in_progress', waiting_for_resource: 'in_progress', preparing: 'in_progress', pending: 'in_progress', running: 'in_progress',
  success: 'success', failed: 'failure', canceled: 'cancelled', skipped: 'cancelled',
}
const severities: Record<string, IncidentSeverity> = { critical: 'critical', high: 'high', medium: 'medium', low: 'low' }

// X-Gitlab-Event: "Deployment Hook", "Push Hook", "Merge Request Hook", "Pipeline Hook", "Issue Hook"
// (incidents are issues/work items of type Incident); others are acknowledged and ignored.
export function mapGitlabEvent(event: string, payload: unknown, project: GitlabProject): GitlabAction {
  const service = { slug: project.serviceSlug }
  switch (event) {
    case 'Deployment Hook': {
      const e = deploymentEvent.parse(payload)
      const status = statuses[e.status]
      if (!status) return ignored(`deployment status "${e.status}"`)
      // `production-canary`: a canary deployment to production (lib/ingest/strategy-hints.ts)
      const named = splitEnvironmentStrategy(e.environment)
      const slug = environmentSlug(named.environment)
      const tier = environmentTierSchema.safeParse(e.environment_tier).data ?? inferEnvironmentTier(slug) ?? 'development'
      return {
        kind: 'deployment',
        input: {
          source: SOURCE, externalId: `deployment-${e.deployment_id}`, service, environment: { name: slug, tier, path: 'environment' }, strategy: named.strategy,
          status, startedAt: status === 'in_progress' ? e.status_changed_at : undefined,
          finishedAt: status === 'in_progress' ? undefined : e.status_changed_at,
          sha: SHA.exec(e.commit_url.split('/').pop() ?? '')?.[0]?.toLowerCase(),
          url: e.deployable_url ?? e.environment_external_url ?? undefined, triggeredBy: e.user?.username ?? undefined, commits: [],
        },
      }
    }
    case 'Pipeline Hook': {
      if (!project.pipelineDeploys) return ignored('this project does not deploy by pipeline')
      const e = pipelineEvent.parse(payload)
      const p = e.object_attributes
      if (!p.tag && p.ref !== e.project.default_branch) return ignored(`pipeline on ${p.ref}, not the default branch`)
      const status = statuses[p.status]
      if (!status) return ignored(`pipeline status "${p.status}"`)
      const input: DeploymentInput = {
        source: SOURCE, externalId: `pipeline-${p.id}`, service, environment: { name: 'production', tier: 'production', path: 'environment' },
        status, startedAt: p.created_at, finishedAt: status === 'in_progress' ? undefined : (p.finished_at ?? undefined),
        sha: p.sha.toLowerCase(), ref: p.ref, url: p.url ?? undefined, triggeredBy: e.user?.username ?? undefined, commits: [],
      }
      return { kind: 'deployment', input }
    }
    case 'Push Hook': {
      const e = pushEvent.parse(payload)
      if (/^0+$/.test(e.after)) return ignored('a deleted branch')
      if (!e.project.default_branch || e.ref !== `refs/heads/${e.project.default_branch}`) return ignored(`${e.ref} is not the default branch`)
      return {
        kind: 'changes',
        commits: e.commits.map((c) => ({ sha: c.id.toLowerCase(), committedAt: c.timestamp, message: c.message?.slice(0, 20_000) })),
        paths: Object.fromEntries(e.commits.map((c) => [c.id.toLowerCase(), [...(c.added ?? []), ...(c.removed ?? []), ...(c.modified ?? [])]])),
      }
    }
    case 'Merge Request Hook': {
      const mapped = mergeRequestAction(mergeRequestEvent.parse(payload))
      return 'reason' in mapped ? ignored(mapped.reason) : mapped
    }
    case 'Issue Hook':
    case 'Confidential Issue Hook':
    case 'Work Item Hook': {
      const e = issueEvent.parse(payload)
      const i = e.object_attributes
      const labels = [...(i.labels ?? []), ...(e.labels ?? [])].map((l) => l.title.toLowerCase())
      const incident = i.type?.toLowerCase() === 'incident' || i.issue_type?.toLowerCase() === 'incident' || labels.includes('incident')
      if (!incident) return ignored(`${i.type ?? 'issue'} is not an incident (no type Incident nor label "incident")`)
      const closed = i.action === 'close' || i.state === 'closed'
      return {
        kind: 'incident',
        body: {
          id: `incident-${i.iid}`, service: project.serviceSlug, title: i.title.slice(0, 500), openedAt: i.created_at,
          resolvedAt: closed ? (i.closed_at ?? i.updated_at) : null, severity: severities[i.severity ?? ''], url: i.url ?? undefined,
        },
      }
    }
    default:
      return ignored(`${event} events are not used`)
  }
}
