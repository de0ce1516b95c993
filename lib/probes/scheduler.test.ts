import { afterEach, describe, expect, it } from 'vitest'
import { ManualClock } from '@/lib/probes/clock'
import type { ProbeResult, ProbeTarget } from '@/lib/probes/run-probe'
import { defaultOffset, ProbeScheduler, type ScheduledCheck, type TimedResult } from '@/lib/probes/scheduler'

const target: ProbeTarget = { kind: 'tcp', host: '127.0.0.1', port: 1, timeoutMs: 100 }
const checks = (n: number, intervalMs: number): ScheduledCheck[] => Array.from({ length: n }, (_, i) => ({ id: i + 1, teamId: 1, intervalMs, target }))
const ok: ProbeResult = { up: true, latencyMs: 1, detail: null }
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

let scheduler: ProbeScheduler | undefined
afterEach(async () => {
  await scheduler?.stop()
})

function collect(options: Partial<ConstructorParameters<typeof ProbeScheduler>[0]>) {
  const results: { id: number; r: TimedResult }[] = []
  scheduler = new ProbeScheduler({ run: async () => ok, onResult: async (c, r) => void results.push({ id: c.id, r }), ...options })
  return results
}

describe('ProbeScheduler', () => {
  it('runs each check at a fixed rate from its offset on the clock it is given', async () => {
    const clock = new ManualClock(0)
    const results = collect({ clock, offsetMs: (c) => c.id * 1000, run: async () => ok })
    scheduler!.sync(checks(2, 10_000))
    for (let t = 0; t <= 30_000; t += 500) {
      clock.advanceTo(t)
      await scheduler!.idle()
    }
    const times = (id: number) => results.filter((x) => x.id === id).map((x) => x.r.at.getTime())
    expect(times(1)).toEqual([1000, 11_000, 21_000])
    expect(times(2)).toEqual([2000, 12_000, 22_000])
    expect(results.every((x) => x.r.lagMs === 0)).toBe(true)
  })

  it('one hanging target does not delay the others', async () => {
    const results = collect({ concurrency: 8, offsetMs: () => 0, run: async (t) => (t.kind === 'tcp' && t.port === 1 ? sleep(800).then(() => ok) : ok) })
    scheduler!.sync([{ id: 1, teamId: 1, intervalMs: 1000, target }, ...checks(20, 100).slice(1).map((c) => ({ ...c, target: { ...target, port: 2 } }))])
    await sleep(700)
    const others = results.filter((x) => x.id !== 1)
    expect(others.length).toBeGreaterThan(19 * 5)
    expect(Math.max(...others.map((x) => x.r.lagMs))).toBeLessThan(50)
  })

  it('never runs more than `concurrency` probes at once', async () => {
    let running = 0
    let peak = 0
    collect({ concurrency: 3, offsetMs: () => 0, run: async () => {
      peak = Math.max(peak, ++running)
      await sleep(20)
      running--
      return ok
    } })
    scheduler!.sync(checks(10, 50))
    await sleep(300)
    expect(peak).toBe(3)
  })

  it('skips due times a slow run overran instead of running late', async () => {
    const results = collect({ offsetMs: () => 0, run: () => sleep(130).then(() => ok) })
    const start = Date.now()
    scheduler!.sync(checks(1, 100))
    await sleep(580)
    // runs at 0, 200 and 400 ms (100 and 300 were skipped)
    expect(results.map((x) => Math.round((x.r.at.getTime() - start) / 100) * 100)).toEqual([0, 200, 400])
  })

  it('keeps unchanged checks, restarts changed ones and stops removed ones', async () => {
    const clock = new ManualClock(0)
    const results = collect({ clock, offsetMs: () => 0, run: async () => ok })
    scheduler!.sync(checks(3, 10_000))
    await scheduler!.idle()
    scheduler!.sync([checks(3, 10_000)[0]!, { id: 2, teamId: 1, intervalMs: 20_000, target }])
    expect(scheduler!.size()).toBe(2)
    await scheduler!.idle()
    expect(results.map((x) => x.id)).toEqual([1, 2, 3, 2])
  })

  it.each([1, 2, 3, 1000])('spreads first runs over the interval (check %i)', (id) => {
    const offset = defaultOffset({ id, teamId: 1, intervalMs: 10_000, target })
    expect(offset).toBeGreaterThanOrEqual(0)
    expect(offset).toBeLessThan(10_000)
  })
})
