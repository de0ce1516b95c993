import pg from 'pg'
import { demoBatchParams, insertDemoParams } from '@/lib/queries/insert-demo-batch'
import { insertDemoOrganisation } from '@/lib/queries/insert-demo-organisation'
import { refreshAllRollbackFlags } from '@/lib/queries/refresh-rollback-flags'
import { rebuildRollups, suspendRollupTriggers } from '@/lib/queries/rebuild-rollups'
import {
  analyzeDemoTables, analyzeDemoTablesInParallel, dropBulkLoadConstraints, listNonEmptyDemoTables, resetDemoSequences,
  restoreBulkLoadConstraintsInParallel, suspendBulkLoadConstraints, undoBulkLoad, type BulkLoadDdl,
} from '@/lib/queries/prepare-demo-bulk-load'
import { insertDemoProbes } from '@/lib/queries/insert-demo-probes'
import { DAY } from './calendar'
import { generateDemoBatches, planDemo, type DemoPlan } from './generate-demo'
import { demoEnvironments } from './organisation'
import {
  buildProbeHistory, PROBE_CHECK_NAME, PROBE_DAYS, PROBE_FAILURE_THRESHOLD, PROBE_INTERVAL_MS, PROBE_TIMEOUT_MS, probeLatency,
  type RecreateWindow,
} from './probe-history'
import type { DemoBatch } from './types'
import { startParsingDemoScans, type DemoScanParser } from './parse-scans-worker'
import { ingestDemoScans } from './load-scans'
import { queueDemoReports } from './store-reports'
import { generateDemoBatchesOnWorkers, type WorkerBatch } from './generate-demo-worker'

export interface SeedDemoOptions {
  deployments?: number
  seed?: number
  now?: Date
  log?: (line: string) => void
  /**
   * A real PostgreSQL server's URL (the database `client` is connected to). With it the load commits
   * before the keys, indexes and foreign keys are rebuilt on `connections` parallel connections; if
   * that fails, the demo tables are emptied and the constraints put back. Without it (and on the
   * embedded PGlite) everything happens in one transaction on `client`.
   */
  connectionString?: string
  /** Connections for the parallel rebuild (with connectionString; default 2). */
  connections?: number
  /** Worker threads generating the rows (with connectionString; default 0 = on the calling thread). */
  workers?: number
  /** Test hook: runs after the rows are committed, before the rebuild (with connectionString). */
  beforeRebuild?: () => Promise<void>
}

export interface SeedDemoResult {
  teams: number
  services: number
  deployments: number
  changes: number
  incidents: number
  scans: number
  /** quarterly reports queued for the worker (pending_report), made once the app runs */
  reports: number
  seconds: number
  firstTeamSlug: string
}

const BATCH_DEPLOYMENTS = 10_000

/**
 * Loads the generated demo organisation into an empty database. Refuses a database that already has
 * data: the demo uses fixed ids and would collide with (or hide among) real rows.
 */
export async function seedDemo(client: pg.ClientBase, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const log = opts.log ?? (() => undefined)
  const started = performance.now()
  const plan = planDemo(opts)
  const full = opts.deployments === undefined
  log(`demo: ${plan.windowDays} days up to ${new Date(plan.now).toISOString()}, seed ${plan.seed}` +
    (plan.density !== 1 ? `, time compressed ${plan.density.toFixed(1)}x` : ''))
  // the realistic demo's scan reports are parsed on a worker thread while the rows are made and sent
  const scans = full ? startParsingDemoScans(plan.now) : null
  let counts: Counts & { scans: number; reports: number }
  try {
    counts = opts.connectionString
      ? { ...(await loadSplit(client, plan, { ...opts, connectionString: opts.connectionString }, log, started)), scans: 0, reports: 0 }
      : await loadInOneTransaction(client, plan, scans, log, started)
  } finally {
    await scans?.cancel()
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

interface Counts {
  deployments: number
  changes: number
  incidents: number
}

async function* localBatches(plan: DemoPlan, seen?: SeenRows): AsyncGenerator<WorkerBatch> {
  for (const b of generateDemoBatches(plan, BATCH_DEPLOYMENTS)) {
    if (seen) noteRows(seen, b, plan.now - PROBE_DAYS * DAY)
    yield { params: demoBatchParams(b), deployments: b.deployments.length, changes: b.changes.length, incidents: b.incidents.length }
  }
}

// Sends the batches, one statement in flight while the next batch is generated.
async function sendBatches(client: pg.ClientBase, batches: AsyncIterable<WorkerBatch>, log: (line: string) => void, started: number): Promise<Counts> {
  const counts = { deployments: 0, changes: 0, incidents: 0 }
  let waitedForDb = 0
  let inFlight: Promise<void> = Promise.resolve()
  for await (const batch of batches) {
    const waitStarted = performance.now()
    await inFlight
    waitedForDb += performance.now() - waitStarted
    // Not awaited here: the next batch is generated while Postgres inserts this one.
    inFlight = insertDemoParams(client, batch.params)
    inFlight.catch(() => undefined) // rejection is rethrown by the next await
    counts.deployments += batch.deployments
    counts.changes += batch.changes
    counts.incidents += batch.incidents
    if (counts.deployments % 100_000 < batch.deployments) log(`demo: ${counts.deployments} deployments sent`)
  }
  const waitStarted = performance.now()
  await inFlight
  waitedForDb += performance.now() - waitStarted
  log(`demo: rows sent after ${seconds(started)} s, ${(waitedForDb / 1000).toFixed(1)} s of it waiting for Postgres`)
  return counts
}

const seconds = (since: number): string => ((performance.now() - since) / 1000).toFixed(1)

/**
 * Everything in one transaction on `client`. The realistic demo (with `scans`) adds the probes, the scans
 * and the queued reports.
 */
async function loadInOneTransaction(
  client: pg.ClientBase, plan: DemoPlan, scans: DemoScanParser | null, log: (line: string) => void, started: number,
): Promise<Counts & { scans: number; reports: number }> {
  await client.query('BEGIN')
  try {
    await refuseNonEmpty(client)
    await insertDemoOrganisation(client, plan.organisation)
    const restoreConstraints = await suspendBulkLoadConstraints(client)
    const resumeTriggers = await suspendRollupTriggers(client)
    const seen: SeenRows = { maxIncidentId: 0, recreates: [] }
    const counts = await sendBatches(client, localBatches(plan, seen), log, started)
    if (scans) counts.incidents += await loadProbes(client, plan, seen, log, started)
    await refreshAllRollbackFlags(client)
    await rebuildRollups(client)
    await resumeTriggers()
    await restoreConstraints()
    log(`demo: rollups, indexes and foreign keys rebuilt after ${seconds(started)} s`)
    const extras = scans ? await loadScansAndReports(client, plan, scans, log, started) : { scans: 0, reports: 0 }
    await resetDemoSequences(client)
    await analyzeDemoTables(client)
    await client.query('COMMIT')
    log(`demo: committed after ${seconds(started)} s`)
    return { ...counts, ...extras }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  }
}

/** What the probe history needs from the generated rows: the recreate deployments and the ids taken. */
interface SeenRows {
  maxIncidentId: number
  recreates: RecreateWindow[]
}

const PRODUCTION_ENVIRONMENTS = new Set(demoEnvironments.filter((e) => e.tier === 'production').map((e) => e.id))

function noteRows(seen: SeenRows, b: DemoBatch, since: number): void {
  for (const i of b.incidents) seen.maxIncidentId = Math.max(seen.maxIncidentId, i.id)
  for (const d of b.deployments) {
    if (d.strategy !== 'recreate' || d.status !== 'success' || d.finishedAt === null || d.finishedAt < since) continue
    if (PRODUCTION_ENVIRONMENTS.has(d.environmentId)) seen.recreates.push({ serviceId: d.serviceId, finishedAt: d.finishedAt })
  }
}

// 90 days of probe results for every service, with the outage incidents they opened; returns the incidents.
async function loadProbes(client: pg.ClientBase, plan: DemoPlan, seen: SeenRows, log: (line: string) => void, started: number): Promise<number> {
  const history = buildProbeHistory(plan.services, plan.seed, plan.now, seen.recreates, seen.maxIncidentId + 1)
  const check = { name: PROBE_CHECK_NAME, intervalSeconds: PROBE_INTERVAL_MS / 1000, timeoutMs: PROBE_TIMEOUT_MS, failureThreshold: PROBE_FAILURE_THRESHOLD }
  await insertDemoProbes(client, history, check, (base) => probeLatency(base, Date.UTC(2026, 0, 1, 12)))
  log(`demo: probes of ${history.checks.length} services, ${history.incidents.length} outage incidents after ${seconds(started)} s`)
  return history.incidents.length
}

// The scans through the scan ingest (parsed on the worker thread meanwhile) and the reports queued.
async function loadScansAndReports(
  client: pg.ClientBase, plan: DemoPlan, parser: DemoScanParser, log: (line: string) => void, started: number,
): Promise<{ scans: number; reports: number }> {
  const uploads = await parser.uploads
  log(`demo: ${uploads.length} scan reports parsed after ${seconds(started)} s`)
  const scans = await ingestDemoScans(client, uploads)
  const reports = await queueDemoReports(client, plan.now)
  log(`demo: ${scans} scans stored, ${reports} quarterly reports queued for the worker after ${seconds(started)} s`)
  return { scans, reports }
}

async function refuseNonEmpty(client: pg.ClientBase): Promise<void> {
  const nonEmpty = await listNonEmptyDemoTables(client)
  if (nonEmpty.length > 0) {
    throw new Error(`refusing to load demo data: the database is not empty (${nonEmpty.join(', ')} have rows)`)
  }
}

/**
 * The rows go in one transaction (a failure there rolls back as usual); the keys, indexes and foreign
 * keys are then rebuilt on parallel connections, and a failure from there on empties the demo tables
 * and restores the constraints.
 */
async function loadSplit(
  client: pg.ClientBase, plan: DemoPlan, opts: SeedDemoOptions & { connectionString: string },
  log: (line: string) => void, started: number,
): Promise<Counts> {
  const workers = opts.workers ?? 0
  const extra: pg.Client[] = []
  const connecting = Array.from({ length: Math.max(1, opts.connections ?? 2) - 1 }, async () => {
    const c = new pg.Client({ connectionString: opts.connectionString })
    extra.push(c)
    await c.connect()
  })
  for (const c of connecting) c.catch(() => undefined) // awaited after the load; not an unhandled rejection meanwhile
  let ddl: BulkLoadDdl
  let counts: Counts
  try {
    await client.query('BEGIN')
    try {
      await refuseNonEmpty(client)
      await insertDemoOrganisation(client, plan.organisation)
      ddl = await dropBulkLoadConstraints(client)
      const resumeTriggers = await suspendRollupTriggers(client)
      const batches = workers > 0 ? generateDemoBatchesOnWorkers(plan, workers, BATCH_DEPLOYMENTS) : localBatches(plan)
      counts = await sendBatches(client, batches, log, started)
      await refreshAllRollbackFlags(client) // before the indexes come back: nothing to maintain
      await rebuildRollups(client)
      await resumeTriggers()
      await resetDemoSequences(client)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw error
    }
  } catch (error) {
    await Promise.allSettled(connecting)
    await Promise.all(extra.map((c) => c.end().catch(() => undefined)))
    throw error
  }
  try {
    await Promise.all(connecting)
    await opts.beforeRebuild?.()
    log(`demo: rebuilding indexes and foreign keys on ${extra.length + 1} connections`)
    const clients = [client, ...extra]
    await restoreBulkLoadConstraintsInParallel(clients, ddl, log)
    log(`demo: rebuilt after ${seconds(started)} s`)
    await analyzeDemoTablesInParallel(clients)
  } catch (error) {
    log(`demo: rebuild failed, emptying the demo tables: ${error instanceof Error ? error.message : String(error)}`)
    // Stop what the other connections are still running, then undo on this one.
    const pids = extra.map((c) => (c as unknown as { processID: number | null }).processID).filter((p) => p !== null)
    await client.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid', [pids]).catch(() => undefined)
    await undoBulkLoad(client, ddl)
    throw error
  } finally {
    await Promise.all(extra.map((c) => c.end().catch(() => undefined)))
  }
  return counts
}
