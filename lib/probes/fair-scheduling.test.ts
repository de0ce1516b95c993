import { afterAll, describe, expect, it } from 'vitest'
import { allowListOf } from '@/lib/net/allow-list'
import { createFairLimiter } from '@/lib/probes/limiter'
import { runProbe, type ProbeTarget } from '@/lib/probes/run-probe'
import { defaultOffset, ProbeScheduler, type ScheduledCheck, type TimedResult } from '@/lib/probes/scheduler'
import { startHttpTarget } from '@/lib/testing/probe-targets'

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

describe('createFairLimiter', () => {
  it('gives one key at most perKey slots and hands freed slots to the keys in turn', async () => {
    const limit = createFairLimiter(3, 2)
    const started: string[] = []
    const gates: (() => void)[] = []
    const task = (name: string) => () => new Promise<void>((r) => {
      started.push(name)
      gates.push(r)
    })
    const all = [...['a1', 'a2', 'a3', 'a4'].map((n) => limit(1, task(n))), limit(2, task('b1')), limit(2, task('b2')), limit(3, task('c1'))]
    await sleep(5)
    // team 1 stops at 2 although a third slot is free: team 2 takes it
    expect(started).toEqual(['a1', 'a2', 'b1'])
    for (let i = 0; i < 3; i++) {
      gates.shift()!()
      await sleep(5)
    }
    // freed slots went round: team 3 (never served), team 1, team 2
    expect(started).toEqual(['a1', 'a2', 'b1', 'c1', 'a3', 'b2'])
    while (gates.length) {
      gates.shift()!()
      await sleep(5)
    }
    await Promise.all(all)
    expect(started).toHaveLength(7)
  })
})

// Issue 18 item 7, scaled down: 140 checks of one team against a listener that never answers (each
// holding its slot until its timeout) must not delay another team's check beyond its interval + slack.
describe('fair probe scheduling between teams', () => {
  const stops: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const stop of stops) await stop()
  })

  it('one team\'s 140 hanging checks leave another team\'s check on time (default limits)', async () => {
    const hanging = await startHttpTarget()
    hanging.setMode('hang')
    const healthy = await startHttpTarget()
    stops.push(hanging.stop, healthy.stop)
    const http = (url: string, timeoutMs: number): ProbeTarget => ({ kind: 'http', method: 'GET', url, expectStatusMin: 200, expectStatusMax: 299, bodyContains: null, timeoutMs })
    const greedy: ScheduledCheck[] = Array.from({ length: 140 }, (_, i) => ({ id: i + 1, teamId: 1, intervalMs: 1000, target: http(hanging.url, 950) }))
    const other: ScheduledCheck = { id: 1000, teamId: 2, intervalMs: 500, target: http(healthy.url, 400) }
    const results: TimedResult[] = []
    const allowList = allowListOf(['127.0.0.1'])
    const scheduler = new ProbeScheduler({
      run: (t) => runProbe(t, { allowList }),
      offsetMs: (c) => (c.teamId === 2 ? 300 : defaultOffset(c)),
      onResult: async (c, r) => void (c.teamId === 2 && results.push(r)),
    })
    stops.push(() => scheduler.stop())
    scheduler.sync([...greedy, other])
    await sleep(4000)
    await scheduler.stop()
    expect(results.length).toBeGreaterThanOrEqual(7)
    expect(results.every((r) => r.up)).toBe(true)
    // started when due (lag), and each run a full interval after the one before (no run skipped)
    expect(Math.max(...results.map((r) => r.lagMs))).toBeLessThan(100)
    const gaps = results.slice(1).map((r, i) => r.at.getTime() - results[i]!.at.getTime())
    expect(Math.max(...gaps)).toBeLessThan(500 + 100)
  }, 15_000)
})
