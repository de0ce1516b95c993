import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import { inferEnvironmentTier } from '@/lib/ingest/environment-tier'
import type { EnvironmentTier } from '@/lib/validation/common'
import type { CommitInput, DeploymentStatus } from '@/lib/validation/deployments'
import type { IncidentBody } from '@/lib/validation/incidents'
import type { MappedRepository } from '@/lib/queries/github-connections'
import {
  deploymentEvent, deploymentStatusEvent, issuesEvent, pullRequestEvent, pullRequestReviewEvent, pushEvent, workflowRunEvent,
} from '@/lib/github/event-schemas'
import { pullRequestAction, pullRequestReviewAction, type PullRequestAction } from '@/lib/github/map-pull-requests'
import { environmentSlug } from '@/lib/ingest/deployment-input'
import { splitEnvironmentStrategy, strategyFromPayload } from '@/lib/ingest/strategy-hints'

// What one GitHub delivery means for the store.
export type GithubAction =
  | { kind: 'deployment'; input: DeploymentInput }
  // paths: the files each commit touched (a push's), which decide a monorepo's services
  | { kind: 'changes'; commits: CommitInput[]; paths?: Record<string, string[]> }
  | { kind: 'incident'; body: IncidentBody }
  | PullRequestAction
  | { kind: 'ignored'; reason: string }

export type MappingContext = { repository: MappedRepository; incidentLabel: string }

const SOURCE = 'github'
const ignored = (reason: string): GithubAction => ({ kind: 'ignored', reason })

function environmentOf(name: string, production?: boolean): DeploymentInput['environment'] {
  const slug = environmentSlug(splitEnvironmentStrategy(name).environment)
  const tier: EnvironmentTier = inferEnvironmentTier(slug) ?? (production ? 'production' : 'development')
  return { name: slug, tier, path: 'environment' }
}

// The deployment's strategy: named in its payload, else by its environment's name (lib/ingest/strategy-hints.ts).
const strategyOf = (d: { payload?: unknown; environment: string }) => strategyFromPayload(d.payload) ?? splitEnvironmentStrategy(d.environment).strategy

// Deployment statuses: a final state ends the deployment; "inactive" only means a newer one replaced it.
const deploymentStates: Record<string, DeploymentStatus | null> = {
  success: 'success', failure: 'failure', error: 'failure',
  pending: 'in_progress', queued: 'in_progress', in_progress: 'in_progress', waiting: 'in_progress',
  inactive: null,
}

// A workflow run that deploys: conclusions that are not a success or a failure did not deploy.
const runConclusions: Record<string, DeploymentStatus> = {
  success: 'success', failure: 'failure', timed_out: 'failure', startup_failure: 'failure',
  cancelled: 'cancelled', skipped: 'cancelled', neutral: 'cancelled', stale: 'cancelled', action_required: 'cancelled',
}

const FULL_SHA = /\b[0-9a-f]{40}\b/i

export function mapGithubEvent(event: string, payload: unknown, ctx: MappingContext): GithubAction {
  const service = { slug: ctx.repository.serviceSlug }
  switch (event) {
    case 'ping':
      return ignored('ping: the hook works')
    case 'deployment': {
      const e = deploymentEvent.parse(payload)
      if (e.action !== 'created') return ignored(`deployment ${e.action}`)
      return {
        kind: 'deployment',
        input: {
          source: SOURCE, externalId: String(e.deployment.id), service,
          environment: environmentOf(e.deployment.environment, e.deployment.production_environment),
          status: 'in_progress', startedAt: new Date(e.deployment.created_at), sha: e.deployment.sha.toLowerCase(), strategy: strategyOf(e.deployment),
          ref: e.deployment.ref, triggeredBy: e.deployment.creator?.login, commits: [],
        },
      }
    }
    case 'deployment_status': {
      const e = deploymentStatusEvent.parse(payload)
      const status = deploymentStates[e.deployment_status.state]
      if (status === undefined) return ignored(`deployment status "${e.deployment_status.state}" is not one Plimsoll knows`)
      if (status === null) return ignored('inactive: a later deployment replaced this one')
      return {
        kind: 'deployment',
        input: {
          source: SOURCE, externalId: String(e.deployment.id), service,
          environment: environmentOf(e.deployment.environment, e.deployment.production_environment),
          status, startedAt: new Date(e.deployment.created_at), strategy: strategyOf(e.deployment),
          finishedAt: status === 'in_progress' ? undefined : new Date(e.deployment_status.created_at),
          sha: e.deployment.sha.toLowerCase(), ref: e.deployment.ref, triggeredBy: e.deployment.creator?.login,
          url: e.deployment_status.log_url ?? e.deployment_status.target_url ?? undefined, commits: [],
        },
      }
    }
    case 'workflow_run': {
      const e = workflowRunEvent.parse(payload)
      const wanted = ctx.repository.deployWorkflow
      const run = e.workflow_run
      if (!wanted) return ignored('this repository does not deploy by a workflow')
      if (wanted !== run.name && wanted !== run.path) return ignored(`workflow "${run.name ?? run.path}" is not the deploy workflow "${wanted}"`)
      const status: DeploymentStatus = e.action === 'completed' ? (runConclusions[run.conclusion ?? ''] ?? 'cancelled') : 'in_progress'
      return {
        kind: 'deployment',
        input: {
          source: SOURCE, externalId: `run-${run.id}`, service, environment: { name: 'production', tier: 'production', path: 'environment' },
          status, startedAt: run.run_started_at ? new Date(run.run_started_at) : undefined,
          finishedAt: status === 'in_progress' ? undefined : new Date(run.updated_at),
          sha: run.head_sha.toLowerCase(), ref: run.head_branch ?? undefined, url: run.html_url, commits: [],
        },
      }
    }
    case 'push': {
      const e = pushEvent.parse(payload)
      const branch = e.repository.default_branch
      if (e.deleted) return ignored('a deleted ref')
      if (!branch || e.ref !== `refs/heads/${branch}`) return ignored(`${e.ref} is not the default branch`)
      return {
        kind: 'changes',
        commits: e.commits.map((c) => ({ sha: c.id.toLowerCase(), committedAt: new Date(c.timestamp), message: c.message?.slice(0, 20_000) })),
        paths: Object.fromEntries(e.commits.map((c) => [c.id.toLowerCase(), [...(c.added ?? []), ...(c.removed ?? []), ...(c.modified ?? [])]])),
      }
    }
    case 'pull_request': {
      const e = pullRequestEvent.parse(payload)
      const mapped = pullRequestAction(e.action, e.pull_request)
      return 'reason' in mapped ? ignored(mapped.reason) : mapped
    }
    case 'pull_request_review': {
      const e = pullRequestReviewEvent.parse(payload)
      const mapped = pullRequestReviewAction(e.action, e.review, e.pull_request)
      return 'reason' in mapped ? ignored(mapped.reason) : mapped
    }
    case 'issues': {
      const e = issuesEvent.parse(payload)
      const label = ctx.incidentLabel.toLowerCase()
      const labelled = (e.issue.labels ?? []).some((l) => l.name.toLowerCase() === label) || e.label?.name.toLowerCase() === label
      if (!labelled) return ignored(`issue not labelled "${ctx.incidentLabel}"`)
      if (!['opened', 'labeled', 'reopened', 'edited', 'closed'].includes(e.action)) return ignored(`issue ${e.action}`)
      const sha = FULL_SHA.exec(e.issue.body ?? '')?.[0]?.toLowerCase()
      return {
        kind: 'incident',
        body: {
          id: `issue-${e.issue.number}`, service: ctx.repository.serviceSlug, title: e.issue.title.slice(0, 500), openedAt: new Date(e.issue.created_at),
          resolvedAt: (e.action === 'closed' || e.issue.state === 'closed') && e.issue.closed_at ? new Date(e.issue.closed_at) : null,
          url: e.issue.html_url, causeSha: sha,
        },
      }
    }
    default:
      return ignored(`${event} events are not used`)
  }
}
