import type { Clock } from '@/lib/probes/clock'
import { systemClock } from '@/lib/probes/clock'
import type { ProbeResult, ProbeTarget } from '@/lib/probes/run-probe'
import { createFairLimiter } from '@/lib/probes/limiter'

// teamId: probes are shared fairly between teams (lib/probes/limiter.ts)
export type ScheduledCheck = { id: number; teamId: number; intervalMs: number; target: ProbeTarget }
export type TimedResult = ProbeResult & { at: Date; lagMs: number }

export type SchedulerOptions = {
  clock?: Clock
  // probes (with their result handling) running at once; one slow target holds one slot, up to its timeout
  concurrency?: number
  // of those, at most this many for one team: one team's slow targets never hold every slot
  perTeamConcurrency?: number
  // first run of a check, as an offset into its interval: spreads the checks so they do not fire together
  offsetMs?: (check: ScheduledCheck) => number
  // one probe (the worker's: runProbe through the outbound-address guard)
  run: (target: ProbeTarget) => Promise<ProbeResult>
  onResult: (check: ScheduledCheck, result: TimedResult) => Promise<void>
  onError?: (check: ScheduledCheck, err: unknown) => void
}

type Entry = { check: ScheduledCheck; key: string; abort: AbortController; sleeping: boolean; done: Promise<void> }

// Runs every check on its own timer at a fixed rate (due times never drift with probe durations);
// a run that is still going when its next one is due skips that one instead of queueing behind it.
export class ProbeScheduler {
  private entries = new Map<number, Entry>()
  private readonly clock: Clock
  private readonly limit: ReturnType<typeof createFairLimiter>

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? systemClock
    this.limit = createFairLimiter(options.concurrency ?? 64, options.perTeamConcurrency ?? 16)
  }

  // Starts new and changed checks, stops removed ones; unchanged ones keep their timers.
  sync(checks: ScheduledCheck[]) {
    const wanted = new Map(checks.map((c) => [c.id, c]))
    for (const [id, entry] of this.entries) {
      const next = wanted.get(id)
      if (!next || JSON.stringify(next) !== entry.key) this.remove(id)
    }
    for (const check of checks) if (!this.entries.has(check.id)) this.add(check)
  }

  size() {
    return this.entries.size
  }

  // Resolves once every check waits for its next due time (tests advance a manual clock, then wait here).
  async idle() {
    do await new Promise((r) => setTimeout(r, 2))
    while ([...this.entries.values()].some((e) => !e.sleeping))
  }

  async stop() {
    const entries = [...this.entries.keys()].map((id) => this.remove(id))
    await Promise.all(entries)
  }

  private remove(id: number): Promise<void> {
    const entry = this.entries.get(id)
    if (!entry) return Promise.resolve()
    this.entries.delete(id)
    entry.abort.abort()
    return entry.done
  }

  private add(check: ScheduledCheck) {
    const entry = { check, key: JSON.stringify(check), abort: new AbortController(), sleeping: false } as Entry
    entry.done = this.loop(entry)
    this.entries.set(check.id, entry)
  }

  private async loop(entry: Entry) {
    const { check, abort } = entry
    const offset = this.options.offsetMs?.(check) ?? defaultOffset(check)
    let due = this.clock.now() + offset
    while (!abort.signal.aborted) {
      entry.sleeping = true
      await this.clock.sleepUntil(due, abort.signal)
      entry.sleeping = false
      if (abort.signal.aborted) break
      await this.limit(check.teamId, async () => {
        // stopped while waiting for a slot: nothing to run
        if (abort.signal.aborted) return
        const startedAt = this.clock.now()
        try {
          const result = await this.options.run(check.target)
          await this.options.onResult(check, { ...result, at: new Date(startedAt), lagMs: startedAt - due })
        } catch (err) {
          this.options.onError?.(check, err)
        }
      })
      due += check.intervalMs
      const now = this.clock.now()
      // missed due times (a run longer than the interval, a suspended process) are skipped, not run late
      if (due <= now) due += Math.ceil((now - due + 1) / check.intervalMs) * check.intervalMs
    }
    entry.sleeping = true
  }
}

// A stable spread over the interval from the check id (Knuth's multiplicative hash).
export function defaultOffset(check: ScheduledCheck): number {
  const h = Math.imul(check.id, 2654435761) >>> 0
  return (h / 2 ** 32) * check.intervalMs
}
