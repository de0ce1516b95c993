import type { EnvironmentTier } from '@/lib/validation/common'
import type { CommitInput, DeploymentBody, DeploymentStatus, DeploymentStrategy } from '@/lib/validation/deployments'
import type { DevlakeDeployment } from '@/lib/validation/devlake'
import type { RolloutInput } from '@/lib/validation/rollout'

// One deployment as the store receives it, whichever body shape it came in.
export type ServiceRef = { slug: string; name?: string; repositoryUrl?: string; slugFromRepository?: boolean }

export type DeploymentInput = {
  source: string
  externalId: string
  service: ServiceRef
  environment: { name: string; tier?: EnvironmentTier; path: string }
  status: DeploymentStatus
  startedAt?: Date
  finishedAt?: Date
  // finishedAt was not sent and defaults to the request time: a replay must not move it.
  finishedAtIsDefault?: boolean
  sha?: string
  ref?: string
  version?: string
  strategy?: DeploymentStrategy
  rollout?: RolloutInput
  isRollback?: boolean
  isHotfix?: boolean
  url?: string
  triggeredBy?: string
  commits: CommitInput[]
}

const finished = (status: DeploymentStatus) => status !== 'in_progress'

export function fromNativeBody(body: DeploymentBody, receivedAt: Date): DeploymentInput {
  return {
    source: 'api',
    externalId: body.id,
    service: { slug: body.service, name: body.serviceName, repositoryUrl: body.repositoryUrl },
    environment: { name: body.environment, tier: body.environmentTier, path: 'environment' },
    status: body.status,
    startedAt: body.startedAt,
    finishedAt: body.finishedAt ?? (finished(body.status) ? receivedAt : undefined),
    finishedAtIsDefault: !body.finishedAt && finished(body.status),
    sha: body.sha,
    ref: body.ref,
    version: body.version,
    strategy: body.strategy,
    rollout: body.rollout,
    isRollback: body.rollback,
    isHotfix: body.hotfix,
    url: body.url,
    triggeredBy: body.triggeredBy,
    commits: withHeadCommit(body.commits ?? [], body.sha),
  }
}

const devlakeStatus = { SUCCESS: 'success', FAILURE: 'failure', ABORT: 'cancelled', MANUAL: 'in_progress' } as const

// DevLake sends one commit per repository; each repository is a service here, so one body may become
// several deployments (one per service) sharing the DevLake id.
export function fromDevlakeBody(body: DevlakeDeployment, serviceOverride?: string): DeploymentInput[] {
  const byRepo = new Map<string, DevlakeDeployment['deploymentCommits']>()
  for (const c of body.deploymentCommits) byRepo.set(c.repoUrl, [...(byRepo.get(c.repoUrl) ?? []), c])
  const status = devlakeStatus[body.result]
  const envName = environmentSlug(body.originalEnvironment || body.environment)
  return [...byRepo].map(([repoUrl, commits]) => ({
    source: 'devlake',
    externalId: body.id,
    service: serviceOverride ? { slug: serviceOverride, repositoryUrl: repoUrl } : { slug: repoSlug(repoUrl), repositoryUrl: repoUrl, slugFromRepository: true },
    environment: { name: envName, tier: body.environment.toLowerCase() as EnvironmentTier, path: 'environment' },
    status,
    startedAt: body.startedDate,
    finishedAt: status === 'in_progress' ? undefined : body.finishedDate,
    sha: commits[0]?.commitSha,
    ref: commits[0]?.refName || undefined,
    url: body.url,
    version: body.displayTitle || undefined,
    commits: commits.map((c) => ({ sha: c.commitSha, message: c.commitMsg || undefined })),
  }))
}

// Environment names from GitHub, GitLab and DevLake are free text ("Production", "github-pages"); ours are
// slugs (DevLake's lacked the leading strip: the fuzz test of docs/reliability.md stored "-" and "-m").
export function environmentSlug(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 100) || 'default'
}

// Only http(s) links are kept (webhooks sent "" and a date in URL fields); anything else is dropped.
export function httpUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2000 || !/^https?:\/\//i.test(url)) return undefined
  try {
    return new URL(url).protocol.startsWith('http') ? url : undefined
  } catch {
    return undefined
  }
}

export function repoSlug(repoUrl: string): string {
  const last = new URL(repoUrl).pathname.replace(/\/+$/, '').split('/').pop() ?? 'service'
  return last.replace(/\.git$/, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 100) || 'service'
}

export function normalizeRepositoryUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\.git$/, '').toLowerCase()
}

// The deployed sha is itself a change the deployment carried, even when no commit list is sent.
function withHeadCommit(commits: CommitInput[], sha?: string): CommitInput[] {
  if (!sha || commits.some((c) => c.sha === sha)) return commits
  return [...commits, { sha }]
}
