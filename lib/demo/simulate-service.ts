import { DAY, HOUR, MINUTE, nextEventTime } from './calendar'
import { buildIncident } from './incidents'
import { findEnvironment, type ServicePlan } from './organisation'
import type { TeamProfile } from './profiles'
import { PullRequestStream } from './pull-requests'
import type { Random } from './random'
import { ReleasePipeline, type Release } from './release-pipeline'
import type { DemoBatch, DeploymentRow } from './types'

export interface SimulationContext {
  plan: ServicePlan
  profile: TeamProfile
  rng: Random
  start: number
  now: number
  ids: { deployment: number; change: number; incident: number }
  /** Ids advance by this much (1, or the number of generators handing out interleaved ids in parallel). */
  idStep: number
  batch: () => DemoBatch
  batchIsFull: () => boolean
}

const PRODUCTION = findEnvironment('production').id
const STAGING = findEnvironment('staging').id

/** Simulates one service from `start` to `now`, yielding whenever the current batch is full. */
export function* simulateService(ctx: SimulationContext): Generator<void> {
  const { plan, profile, rng, now } = ctx
  const service = plan.service
  const prs = new PullRequestStream(rng, profile, service.id, () => (ctx.ids.change += ctx.idStep), ctx.start)
  const pipe = new ReleasePipeline(rng, profile, service, ctx.batch, () => (ctx.ids.deployment += ctx.idStep), now)
  const staged: Release[] = []
  let builds = 0
  const newRelease = (head: number, readyAt: number): Release => {
    builds++
    const sha = pipe.main[head]?.sha ?? ''
    return { head, sha, version: `1.${Math.floor(builds / 20)}.${builds % 20}`, readyAt }
  }
  const addChanges = (t: number): void => {
    for (const c of prs.mergedUntil(t)) {
      pipe.main.push(c)
      ctx.batch().changes.push(c)
    }
  }
  // Extra production regions follow the main production deployment of the same build.
  const mirror = (row: DeploymentRow | null, release: Release): void => {
    if (!row || row.status !== 'success' || row.finishedAt === null) return
    for (const env of plan.extraProduction) {
      const at = row.finishedAt + (rng.int(5, 20) * MINUTE) / profile.pace
      pipe.deploy({ environmentId: env.id, release, at, status: 'success', isRollback: row.isRollback, isHotfix: row.isHotfix })
    }
  }
  const incident = (cause: DeploymentRow | null, openedAt: number, fix: DeploymentRow | null, open = false): void => {
    let resolvedAt: number | null = fix?.finishedAt ? fix.finishedAt + rng.exponential((10 * MINUTE) / profile.pace) : null
    if (!cause) resolvedAt = openedAt + rng.logNormal(profile.restoreHours * HOUR, 0.8)
    if (open || (resolvedAt !== null && resolvedAt >= now)) resolvedAt = null
    const id = (ctx.ids.incident += ctx.idStep)
    const req = { id, serviceId: service.id, environmentId: PRODUCTION, openedAt, resolvedAt, cause, fix }
    ctx.batch().incidents.push(buildIncident(rng, { ...req, unlinkedShare: profile.unlinkedIncidentShare, outageFree: plan.availability.outageFree }))
  }

  const stagingStep = (t: number): void => {
    addChanges(t)
    const head = pipe.main.length - 1
    if (head <= (pipe.state(STAGING).current?.head ?? -1)) return
    const release = newRelease(head, 0)
    const failed = rng.chance(profile.stagingFailureRate)
    const status = failed ? (rng.chance(0.25) ? 'cancelled' : 'failure') : 'success'
    const row = pipe.deploy({ environmentId: STAGING, release, at: t, status })
    if (row?.status === 'success' && row.finishedAt !== null) {
      release.readyAt = row.finishedAt
      staged.push(release)
      if (staged.length > 16) staged.splice(0, 8)
    }
  }

  // Returns the time until which the service is frozen by an incident.
  const productionStep = (t: number): number => {
    const running = pipe.state(PRODUCTION).current
    const soaked = staged.filter((r) => r.readyAt + profile.soakHours * HOUR <= t && r.head > (running?.head ?? -1))
    const release = soaked[soaked.length - 1]
    if (!release) return t
    if (!rng.chance(profile.changeFailureRate)) {
      mirror(pipe.deploy({ environmentId: PRODUCTION, release, at: t, status: 'success' }), release)
      return t
    }
    if (running && rng.chance(0.4)) {
      // The rollout itself failed and the pipeline rolled back to what was running.
      const failed = pipe.deploy({ environmentId: PRODUCTION, release, at: t, status: 'failure' })
      if (!failed?.finishedAt) return t
      const rollback = pipe.deploy({ environmentId: PRODUCTION, release: running, at: failed.finishedAt, status: 'success', isRollback: true })
      if (rng.chance(0.3)) incident(failed, failed.startedAt + rng.next() * (failed.finishedAt - failed.startedAt), rollback)
      return rollback?.finishedAt ?? now
    }
    const bad = pipe.deploy({ environmentId: PRODUCTION, release, at: t, status: 'success' })
    if (!bad?.finishedAt) return t
    mirror(bad, release)
    const openedAt = bad.finishedAt + rng.exponential(profile.detectMinutes * MINUTE)
    const fixAt = openedAt + rng.logNormal(profile.restoreHours * HOUR, 0.8) * 0.8
    const fix = fixAt < now ? repair(fixAt, ctx.ids.incident + ctx.idStep) : null
    incident(bad, openedAt, fix)
    return fix?.finishedAt ?? now
  }

  // Rollback to the previous production release, or a hotfix through staging.
  const repair = (fixAt: number, incidentId: number): DeploymentRow | null => {
    const previous = pipe.previous(PRODUCTION)
    if (previous && rng.chance(profile.rollbackShare)) {
      const row = pipe.deploy({ environmentId: PRODUCTION, release: previous, at: fixAt, status: 'success', isRollback: true })
      mirror(row, previous)
      return row
    }
    const change = prs.hotfix(fixAt, `INC-${incidentId}`)
    pipe.main.push(change)
    ctx.batch().changes.push(change)
    const release = newRelease(pipe.main.length - 1, 0)
    const staging = pipe.deploy({ environmentId: STAGING, release, at: fixAt, status: 'success', isHotfix: true })
    if (!staging?.finishedAt) return null
    release.readyAt = staging.finishedAt
    const row = pipe.deploy({ environmentId: PRODUCTION, release, at: staging.finishedAt + (2 * MINUTE) / profile.pace, status: 'success', isHotfix: true })
    mirror(row, release)
    return row
  }

  let nextStaging = nextEventTime(ctx.start, profile.stagingEveryHours, rng)
  let nextProduction = nextEventTime(ctx.start, profile.productionEveryHours, rng)
  const backgroundGap = (365 * DAY) / profile.backgroundIncidentsPerYear / HOUR
  let nextBackground = nextEventTime(ctx.start, backgroundGap, rng)
  for (;;) {
    const t = Math.min(nextStaging, nextProduction, nextBackground)
    if (t >= now) break
    if (t === nextStaging) {
      stagingStep(t)
      nextStaging = nextEventTime(t, profile.stagingEveryHours, rng)
    } else if (t === nextProduction) {
      const frozenUntil = productionStep(t)
      nextProduction = nextEventTime(Math.max(t, frozenUntil), profile.productionEveryHours, rng)
      nextStaging = Math.max(nextStaging, frozenUntil)
    } else {
      incident(null, t, null)
      nextBackground = nextEventTime(t, backgroundGap, rng)
    }
    if (ctx.batchIsFull()) yield
  }
  // Low performers always have an incident still open, so the dashboard shows one.
  if (profile.performance === 'low') incident(null, now - rng.int(2, 36) * HOUR, null, true)
}
