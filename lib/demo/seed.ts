import type pg from 'pg'
import { insertDemoBatch } from '@/lib/queries/insert-demo-batch'
import { insertDemoOrganisation } from '@/lib/queries/insert-demo-organisation'
import {
  analyzeDemoTables, listNonEmptyDemoTables, resetDemoSequences, suspendBulkLoadConstraints,
} from '@/lib/queries/prepare-demo-bulk-load'
import { generateDemoBatches, planDemo } from './generate-demo'

export interface SeedDemoOptions {
  deployments?: number
  seed?: number
  now?: Date
  log?: (line: string) => void
}

export interface SeedDemoResult {
  teams: number
  services: number
  deployments: number
  changes: number
  incidents: number
  seconds: number
  firstTeamSlug: string
}

const BATCH_DEPLOYMENTS = 10_000

/**
 * Loads the generated demo organisation in one transaction. Refuses a database that already has data:
 * the demo uses fixed ids and would collide with (or hide among) real rows.
 */
export async function seedDemo(client: pg.ClientBase, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const log = opts.log ?? (() => undefined)
  const started = performance.now()
  const plan = planDemo(opts)
  log(`demo: ${plan.windowDays} days up to ${new Date(plan.now).toISOString()}, seed ${plan.seed}` +
    (plan.density !== 1 ? `, time compressed ${plan.density.toFixed(1)}x` : ''))
  const counts = { deployments: 0, changes: 0, incidents: 0 }
  await client.query('BEGIN')
  try {
    const nonEmpty = await listNonEmptyDemoTables(client)
    if (nonEmpty.length > 0) {
      throw new Error(`refusing to load demo data: the database is not empty (${nonEmpty.join(', ')} have rows)`)
    }
    await insertDemoOrganisation(client, plan.organisation)
    const restoreConstraints = await suspendBulkLoadConstraints(client)
    let waitedForDb = 0
    let inFlight: Promise<void> = Promise.resolve()
    for (const batch of generateDemoBatches(plan, BATCH_DEPLOYMENTS)) {
      const waitStarted = performance.now()
      await inFlight
      waitedForDb += performance.now() - waitStarted
      // Not awaited here: the next batch is generated while Postgres inserts this one.
      inFlight = insertDemoBatch(client, batch)
      inFlight.catch(() => undefined) // rejection is rethrown by the next await
      counts.deployments += batch.deployments.length
      counts.changes += batch.changes.length
      counts.incidents += batch.incidents.length
      if (counts.deployments % 100_000 < batch.deployments.length) log(`demo: ${counts.deployments} deployments sent`)
    }
    await inFlight
    const elapsed = (performance.now() - started) / 1000
    log(`demo: rows sent after ${elapsed.toFixed(1)} s, ${(waitedForDb / 1000).toFixed(1)} s of it waiting for Postgres`)
    log('demo: rebuilding indexes and foreign keys')
    await restoreConstraints()
    await resetDemoSequences(client)
    await analyzeDemoTables(client)
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
  const firstTeam = plan.organisation.teams[0]
  if (!firstTeam) throw new Error('demo organisation has no teams')
  return {
    teams: plan.organisation.teams.length,
    services: plan.organisation.services.length,
    ...counts,
    seconds: (performance.now() - started) / 1000,
    firstTeamSlug: firstTeam.slug,
  }
}
