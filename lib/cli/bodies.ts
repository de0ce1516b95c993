import { randomUUID } from 'node:crypto'
import { readGitCommits } from './git-commits'

export type Opts = { url?: string; token?: string; dryRun?: boolean; strict?: boolean; retries: number; retryDelay: number; timeout: number }
type Values = Record<string, string | boolean | number | undefined>

const now = () => new Date().toISOString()

// The CI job's own id, so `deploy --status in_progress` at the start of a job and `deploy --status
// success` at its end update one deployment without passing --id (GitHub Actions, GitLab CI, Jenkins,
// Buildkite, CircleCI, Azure Pipelines, Bitbucket).
export function ciJobId(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GITHUB_RUN_ID) return `gha-${env.GITHUB_REPOSITORY ?? ''}-${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${env.GITHUB_JOB ?? ''}`
  if (env.CI_JOB_ID) return `gitlab-${env.CI_PROJECT_PATH ?? ''}-${env.CI_JOB_ID}`
  if (env.BUILDKITE_JOB_ID) return `buildkite-${env.BUILDKITE_JOB_ID}`
  if (env.BUILD_TAG && env.JENKINS_URL) return `jenkins-${env.BUILD_TAG}`
  if (env.CIRCLE_WORKFLOW_JOB_ID) return `circleci-${env.CIRCLE_WORKFLOW_JOB_ID}`
  if (env.BITBUCKET_BUILD_NUMBER) return `bitbucket-${env.BITBUCKET_REPO_FULL_NAME ?? ''}-${env.BITBUCKET_BUILD_NUMBER}-${env.BITBUCKET_STEP_UUID ?? ''}`
  if (env.SYSTEM_JOBID && env.BUILD_BUILDID) return `azure-${env.BUILD_BUILDID}-${env.SYSTEM_JOBID}`
  return undefined
}

// POST /api/v1/deployments body (lib/validation/deployments.ts); the server checks every field.
// History git cannot read (a shallow clone, the all-zero "before" of a new branch) is a warning: the
// deployment is still recorded, without its commits (with --strict it is an error).
export async function deploymentBody(o: Values, warn: (line: string) => void) {
  const git = o.commitsFromGit ? await readGitCommits(String(o.commitsFromGit)).catch((err: Error) => {
    if (o.strict) throw err
    warn(`plimsoll: WARNING ${err.message}; recording the deployment without its commits (fetch the history, e.g. fetch-depth: 0)`)
    return undefined
  }) : undefined
  const finished = o.status !== 'in_progress'
  const job = ciJobId()
  return prune({
    id: o.id ?? (job ? `${job}-${o.env}`.slice(0, 200) : randomUUID()),
    service: o.service,
    environment: o.env,
    environmentTier: o.envTier,
    status: o.status,
    startedAt: o.startedAt,
    finishedAt: o.finishedAt ?? (finished ? now() : undefined),
    sha: o.sha ?? git?.head,
    ref: o.ref,
    version: o.version,
    strategy: o.strategy,
    rollback: o.rollback || undefined,
    hotfix: o.hotfix || undefined,
    url: o.deployUrl,
    commits: git?.commits,
  })
}

export function incidentBody(action: 'open' | 'resolve', o: Values) {
  if (action === 'resolve') return prune({ id: o.id, service: o.service, resolvedAt: o.resolvedAt ?? now(), fixDeploymentId: o.fixDeployment })
  return prune({
    id: o.id, service: o.service, title: o.title, severity: o.severity, openedAt: o.openedAt ?? now(), environment: o.env,
    causeDeploymentId: o.causeDeployment, causeSha: o.causeSha, outage: o.outage || undefined, url: o.incidentUrl,
  })
}

export function availabilityBody(o: Values) {
  return prune({ service: o.service, check: o.check, at: o.at ?? now(), up: o.state === 'up', latency: o.latency, detail: o.detail })
}

// POST /api/v1/scans takes its metadata in the query string and the report as the body.
export function scanPath(o: Values): string {
  const q = new URLSearchParams()
  const names: Record<string, string> = {
    service: 'service',
    env: 'environment',
    format: 'format',
    image: 'image',
    digest: 'digest',
    commit: 'commit',
    scannedAt: 'scannedAt',
    scanner: 'scanner',
    scannerVersion: 'scannerVersion',
  }
  for (const [opt, param] of Object.entries(names)) if (o[opt] !== undefined) q.set(param, String(o[opt]))
  return `api/v1/scans?${q}`
}

function prune<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
