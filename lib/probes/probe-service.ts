import type { Clock } from '@/lib/probes/clock'
import { systemClock } from '@/lib/probes/clock'
import { isQuietSample, type ProbeState } from '@/lib/probes/probe-state'
import { recordProbeSample } from '@/lib/probes/record-sample'
import { RollupBuffer } from '@/lib/probes/rollup-buffer'
import { runProbe, type ProbeTarget } from '@/lib/probes/run-probe'
import { emptyAllowList, type AllowList } from '@/lib/net/allow-list'
import { loadAllowList } from '@/lib/net/load-allow-list'
import { ProbeScheduler, type ScheduledCheck, type SchedulerOptions, type TimedResult } from '@/lib/probes/scheduler'
import { listScheduledChecks, type ProbeCheckRow } from '@/lib/queries/probes/list-probe-checks'
import { upsertProbeRollups } from '@/lib/queries/probes/upsert-probe-rollups'
import { logger } from '@/lib/logger'

export type ProbeServiceOptions = Pick<SchedulerOptions, 'concurrency' | 'perTeamConcurrency' | 'offsetMs'> & Partial<Pick<SchedulerOptions, 'run'>> & {
  // the outbound allow-list, read again at every reload (default: the admins' list in the database)
  allowList?: () => Promise<AllowList>
  clock?: Clock
  // how often the check list is re-read (new, changed and removed checks)
  reloadMs?: number
  // which checks to run (default: every enabled http and tcp check)
  listChecks?: () => Promise<ProbeCheckRow[]>
  onResult?: (check: ScheduledCheck, result: TimedResult) => void
}

export type ProbeService = { scheduler: ProbeScheduler; reload: () => Promise<void>; flushRollups: (now?: number) => Promise<void>; stop: () => Promise<void> }

export function toScheduledCheck(c: ProbeCheckRow): ScheduledCheck {
  const target: ProbeTarget = c.kind === 'tcp'
    ? { kind: 'tcp', host: c.host ?? '', port: c.port ?? 0, timeoutMs: c.timeoutMs }
    : { kind: 'http', method: c.method, url: c.url ?? '', expectStatusMin: c.expectStatusMin, expectStatusMax: c.expectStatusMax, bodyContains: c.bodyContains, timeoutMs: c.timeoutMs }
  return { id: c.id, teamId: c.teamId, intervalMs: c.intervalSeconds * 1000, target }
}

// The worker's probes: the scheduler, each result applied to its check (a database write only when
// something changes), and per-minute rollups written once a minute.
export async function startProbeService(options: ProbeServiceOptions = {}): Promise<ProbeService> {
  const clock = options.clock ?? systemClock
  const states = new Map<number, ProbeState>()
  const rollups = new RollupBuffer()
  let allowList = emptyAllowList
  const scheduler = new ProbeScheduler({
    ...options,
    clock,
    run: options.run ?? ((target) => runProbe(target, { allowList })),
    onResult: async (check, result) => {
      options.onResult?.(check, result)
      rollups.add(check.id, result.at, result.up, result.latencyMs)
      const sample = { at: result.at, up: result.up, detail: result.detail }
      const known = states.get(check.id)
      if (known && isQuietSample(known, sample)) {
        states.set(check.id, { ...known, lastSampleAt: sample.at })
        return
      }
      const outcome = await recordProbeSample(check.id, { ...sample, previousAt: known?.lastSampleAt ?? null })
      if (outcome) states.set(check.id, outcome.state)
    },
    onError: (check, err) => logger.error({ err, checkId: check.id }, 'probe result could not be recorded'),
  })
  const reload = async () => {
    allowList = await (options.allowList ?? loadAllowList)()
    const rows = (await (options.listChecks ?? listScheduledChecks)()).filter((r) => r.enabled && r.kind !== 'external')
    for (const r of rows) if (!states.has(r.id)) states.set(r.id, r)
    scheduler.sync(rows.map(toScheduledCheck))
  }
  const flushRollups = async (now = clock.now()) => {
    const rows = rollups.take(now)
    await upsertProbeRollups(rows).catch((err: unknown) => logger.error({ err, rows: rows.length }, 'probe rollups could not be written'))
  }
  await reload()
  const reloadTimer = setInterval(() => void reload().catch((err: unknown) => logger.error({ err }, 'probe checks could not be reloaded')), options.reloadMs ?? 30_000)
  const flushTimer = setInterval(() => void flushRollups(), 15_000)
  logger.info({ checks: scheduler.size() }, 'probe scheduler started')
  return {
    scheduler,
    reload,
    flushRollups,
    stop: async () => {
      clearInterval(reloadTimer)
      clearInterval(flushTimer)
      await scheduler.stop()
      await flushRollups(Infinity)
    },
  }
}
