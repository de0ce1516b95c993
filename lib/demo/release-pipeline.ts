import { MINUTE } from './calendar'
import type { TeamProfile } from './profiles'
import type { Random } from './random'
import type { ChangeRow, DemoBatch, DeploymentRow, DeploymentStatus, DeploymentStrategy, ServiceRow } from './types'

/** A build of `main` up to `head` (index into the service's merged commits). */
export interface Release {
  head: number
  sha: string
  version: string
  readyAt: number // finished in staging
}

interface EnvironmentState {
  current: Release | null
  deployed: Release[] // successful releases, most recent last (rollback targets)
  firstDeployedHead: number // highest commit index ever successfully deployed here
  busyUntil: number
}

export interface DeployRequest {
  environmentId: number
  release: Release
  at: number
  status: DeploymentStatus
  isRollback?: boolean
  isHotfix?: boolean
}

/**
 * Deployments of one service: each carries the commits between what the environment runs and the release,
 * and the first successful one per environment records change_first_deployment.
 */
export class ReleasePipeline {
  readonly main: ChangeRow[] = []
  private readonly envs = new Map<number, EnvironmentState>()

  constructor(
    private readonly rng: Random,
    private readonly profile: TeamProfile,
    private readonly service: ServiceRow,
    private readonly batch: () => DemoBatch,
    private readonly nextDeploymentId: () => number,
    private readonly now: number,
  ) {}

  state(environmentId: number): EnvironmentState {
    let s = this.envs.get(environmentId)
    if (!s) {
      s = { current: null, deployed: [], firstDeployedHead: -1, busyUntil: 0 }
      this.envs.set(environmentId, s)
    }
    return s
  }

  /** Deploys unless the run would not have finished by `now`; returns the row or null. */
  deploy(req: DeployRequest): DeploymentRow | null {
    const { rng, profile } = this
    const env = this.state(req.environmentId)
    const minute = MINUTE / profile.pace
    const startedAt = Math.round(Math.max(req.at, env.busyUntil + minute))
    const drawn = Math.round(Math.max(minute / 2, rng.logNormal(profile.deployMinutes * MINUTE, 0.35)))
    if (startedAt + drawn >= this.now) return null
    const id = this.nextDeploymentId()
    const { release } = req
    const strategy = rng.pick(profile.strategies)
    const triggeredBy = rng.pick(profile.triggeredBy)
    const finishedAt = startedAt + strategyDuration(strategy, req, drawn, minute)
    const row: DeploymentRow = {
      id,
      serviceId: this.service.id,
      environmentId: req.environmentId,
      externalId: `demo-${id}`,
      status: req.status,
      startedAt,
      finishedAt,
      sha: release.sha,
      ref: req.isHotfix ? `hotfix/${release.version}` : profile.releaseTags ? `v${release.version}` : 'main',
      version: release.version,
      strategy,
      isRollback: req.isRollback ?? false,
      isHotfix: req.isHotfix ?? false,
      url: `https://ci.acme-demo.dev/${this.service.slug}/runs/${id}`,
      triggeredBy,
      ...demoRollout(strategy, req.status, id, startedAt, finishedAt),
    }
    const batch = this.batch()
    batch.deployments.push(row)
    env.busyUntil = finishedAt
    // A rollback redeploys an older build, so it carries no new commits.
    if (!row.isRollback) {
      for (let i = (env.current?.head ?? -1) + 1; i <= release.head; i++) {
        batch.deploymentChanges.push({ deploymentId: id, changeId: this.commit(i).id })
      }
    }
    if (req.status === 'success') {
      for (let i = env.firstDeployedHead + 1; i <= release.head; i++) {
        const c = this.commit(i)
        batch.firstDeployments.push({
          changeId: c.id, environmentId: req.environmentId, deploymentId: id, deployedAt: finishedAt,
          serviceId: c.serviceId, committedAt: c.committedAt, prNumber: c.prNumber, prMergedAt: c.prMergedAt,
        })
      }
      env.firstDeployedHead = Math.max(env.firstDeployedHead, release.head)
      env.current = release
      env.deployed.push(release)
      if (env.deployed.length > 32) env.deployed.splice(0, 16)
    }
    return row
  }

  /** The release the environment ran before its current one, if any. */
  previous(environmentId: number): Release | null {
    const deployed = this.state(environmentId).deployed
    const current = deployed[deployed.length - 1]
    for (let i = deployed.length - 2; i >= 0; i--) {
      const r = deployed[i]
      if (r && current && r.head < current.head) return r
    }
    return null
  }

  private commit(index: number): ChangeRow {
    const c = this.main[index]
    if (!c) throw new Error(`commit ${index} of ${this.service.slug} does not exist`)
    return c
  }
}

/**
 * How long a run takes, by strategy: a failing canary is aborted during its first steps (5-25 % of the
 * traffic, a fifth of a full rollout), and a blue/green rollback only switches traffic back to the idle
 * colour (half a minute). Everything else takes the drawn time.
 */
function strategyDuration(strategy: DeploymentStrategy, req: DeployRequest, drawn: number, minute: number): number {
  if (strategy === 'canary' && req.status === 'failure') return Math.max(Math.round(minute / 2), Math.round(drawn / 5))
  if (strategy === 'blue_green' && req.isRollback) return Math.round(minute / 2)
  return drawn
}

/**
 * The rollout a run reports (issue 22), without drawing from the generator (the demo's other numbers stay
 * as they were): progressive runs become ready a third of the way in, others at 60 %, a failed rolling or
 * recreate run never; a failed canary is aborted at 5-25 % of the traffic, a failed blue/green switch before
 * any traffic moved, an A/B test splits half the traffic; successful progressive runs are promoted at the end.
 */
export function demoRollout(strategy: DeploymentStrategy, status: DeployRequest['status'], id: number, startedAt: number, finishedAt: number) {
  const progressive = strategy === 'canary' || strategy === 'blue_green' || strategy === 'ab_test'
  const failed = status === 'failure'
  const readyAt = progressive ? startedAt + Math.round((finishedAt - startedAt) / 3) : failed ? null : startedAt + Math.round((finishedAt - startedAt) * 0.6)
  if (!progressive) return { readyAt, promotedAt: null, abortedAt: null, maxWeight: null }
  const reached = strategy === 'canary' ? 5 + 5 * (id % 5) : strategy === 'blue_green' ? 0 : 50
  return failed
    ? { readyAt, promotedAt: null, abortedAt: finishedAt, maxWeight: reached }
    : { readyAt, promotedAt: finishedAt, abortedAt: null, maxWeight: 100 }
}
