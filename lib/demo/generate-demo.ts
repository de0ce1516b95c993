import { DAY, HOUR } from './calendar'
import { buildOrganisation, type ServicePlan } from './organisation'
import { scaleProfile } from './profiles'
import { createRandom, deriveSeed } from './random'
import { simulateService } from './simulate-service'
import { emptyBatch, type DemoBatch, type DemoOrganisation } from './types'

export const DEFAULT_DEMO_SEED = 42
export const DEMO_WINDOW_DAYS = 180
const MAX_WINDOW_STRETCH = 4 // scale mode lengthens the window up to 2 years before compressing time

export interface DemoOptions {
  seed?: number
  /** End of the generated history; defaults to the current time truncated to the hour. */
  now?: Date
  /** Approximate total number of deployments (scale mode); default is the realistic 180-day demo. */
  deployments?: number
}

export interface DemoPlan {
  seed: number
  now: number
  start: number
  windowDays: number
  density: number // >1 compresses every interval and duration (scale mode)
  organisation: DemoOrganisation
  services: ServicePlan[]
}

export function truncateToHour(date: Date): Date {
  return new Date(Math.floor(date.getTime() / HOUR) * HOUR)
}

/** The plan for already resolved parameters (how a worker thread rebuilds the plan it was sent). */
export function basePlan(seed: number, now: number, windowDays: number, density: number): DemoPlan {
  const { organisation, plans } = buildOrganisation()
  return { seed, now, start: now - windowDays * DAY, windowDays, density, organisation, services: plans }
}

/** Resolves options to a plan; scale mode first counts the default demo to find the stretch needed. */
export function planDemo(opts: DemoOptions = {}): DemoPlan {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED
  const now = (opts.now ?? truncateToHour(new Date())).getTime()
  const plan = basePlan(seed, now, DEMO_WINDOW_DAYS, 1)
  if (opts.deployments === undefined) return plan
  if (!Number.isInteger(opts.deployments) || opts.deployments < 1) {
    throw new Error(`deployments must be a positive integer, got ${opts.deployments}`)
  }
  const factor = opts.deployments / Math.max(1, countDeployments(plan))
  const stretch = Math.min(Math.max(factor, 1), MAX_WINDOW_STRETCH)
  const windowDays = Math.round(DEMO_WINDOW_DAYS * stretch)
  // Freezes and working hours make the count not quite linear in the density: correct it with a sample.
  const sampleDays = Math.max(20, Math.round(windowDays / 10))
  const sample = countDeployments(basePlan(seed, now, sampleDays, factor / stretch))
  const density = (factor / stretch) * (opts.deployments / Math.max(1, (sample * windowDays) / sampleDays))
  return basePlan(seed, now, windowDays, density)
}

function countDeployments(plan: DemoPlan): number {
  let n = 0
  for (const batch of generateDemoBatches(plan)) n += batch.deployments.length
  return n
}

/**
 * One of several generators running in parallel (scale mode): it hands out the ids `first + k * step`
 * (k >= 1), disjoint from the other lanes', and simulates the services `nextService` gives it.
 */
export interface GeneratorLane {
  first: number
  step: number
  nextService: () => number | undefined
}

function* serviceIndexes(plan: DemoPlan, lane: GeneratorLane | undefined): Generator<number> {
  if (!lane) {
    for (let i = 0; i < plan.services.length; i++) yield i
    return
  }
  for (let i = lane.nextService(); i !== undefined && i < plan.services.length; i = lane.nextService()) yield i
}

/** Streams the history service by service in batches of about `batchSize` deployments. */
export function* generateDemoBatches(plan: DemoPlan, batchSize = 10_000, lane?: GeneratorLane): Generator<DemoBatch> {
  let current = emptyBatch()
  const first = lane?.first ?? 0
  const ids = { deployment: first, change: first, incident: first }
  for (const index of serviceIndexes(plan, lane)) {
    const servicePlan = plan.services[index]
    if (!servicePlan) continue
    const simulation = simulateService({
      plan: servicePlan,
      profile: scaleProfile(servicePlan.team.profile, plan.density),
      rng: createRandom(deriveSeed(plan.seed, index)),
      start: plan.start,
      now: plan.now,
      ids,
      idStep: lane?.step ?? 1,
      batch: () => current,
      batchIsFull: () => current.deployments.length >= batchSize,
    })
    for (const _ of simulation) {
      yield current
      current = emptyBatch()
    }
  }
  const c = current
  if (c.deployments.length + c.changes.length + c.incidents.length > 0) yield current
}

/** The whole history in memory (tests and the default demo only). */
export function generateDemo(opts: DemoOptions = {}): { plan: DemoPlan; rows: DemoBatch } {
  const plan = planDemo(opts)
  const rows = emptyBatch()
  for (const b of generateDemoBatches(plan)) {
    rows.deployments.push(...b.deployments)
    rows.changes.push(...b.changes)
    rows.deploymentChanges.push(...b.deploymentChanges)
    rows.firstDeployments.push(...b.firstDeployments)
    rows.incidents.push(...b.incidents)
  }
  return { plan, rows }
}
