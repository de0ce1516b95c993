// Soak: the maximum ingest rate is measured (30 s, 32 connections, deployments and GitHub deliveries
// alternating), then events are sent at half of it for `minutes` (open loop: a fixed schedule, however
// slow the answers), with the worker running. Per minute: answers, p50/p99 latency, the app's RSS.
// Flat means the last five minutes' p99 within 2x and RSS within 100 MiB of the first five (after one minute of warm-up).
import http from 'node:http'
import { countDeliveries, countDeployments } from './count-rows'
import { deploymentEvent, githubEvent } from './payloads'
import { deliver, newTally, printCounts, sendAll, type Event, type Tally } from './sender'
import { latencyStats } from '../shared/app-server'
import { app, createFixtures, fixturesEnv, groupRssMiB, log, sleep, waitDeliveriesDone, worker, type AppBuild, type Fixtures } from './setup'

async function events(f: Fixtures, prefix: string, from: number, n: number): Promise<Event[]> {
  return Promise.all(
    Array.from({ length: n }, (_, k) => (k % 2 === 0 ? deploymentEvent(f, `${prefix}-${from + k}`, from + k, { services: 50 }) : githubEvent(f, from + k))),
  )
}

export async function soakTest(o: { build: AppBuild; adminUrl: string; port: number; minutes: number; rate?: number }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'soak')
  const server = app(o.build, o.port, fixturesEnv(f), 'soak-app')
  await server.start()
  const w = worker(f, o.build.logDir, 'soak-worker')
  w.start()
  let rate = o.rate
  if (!rate) {
    const burst = await events(f, 'max', 0, 20_000)
    const t0 = Date.now()
    const t = await sendAll(burst, () => o.port, { concurrency: 32, giveUpAfterMs: 30_000 })
    const max = t.acknowledged.size / ((Date.now() - t0) / 1000)
    rate = Math.max(1, Math.floor(max / 2))
    log(`soak: measured maximum ${max.toFixed(0)} events/s (${t.acknowledged.size} in ${((Date.now() - t0) / 1000).toFixed(0)} s); soaking at ${rate}/s`)
    console.log(`soak          measured maximum ingest rate: ${max.toFixed(0)} events/s (deployments and deliveries alternating, 32 connections)`)
  }
  const total = Math.floor(rate * o.minutes * 60)
  const all = await events(f, 'soak', 100_000, total)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const deps = newTally()
  const gh = newTally()
  const minutes: { tally: Tally; rss: number }[] = []
  const started = Date.now()
  const giveUpAt = started + (o.minutes + 5) * 60_000
  const inFlight: Promise<unknown>[] = []
  for (let i = 0; i < all.length; i++) {
    const due = started + (i / rate) * 1000
    if (due > Date.now()) await sleep(due - Date.now())
    const minute = Math.floor((Date.now() - started) / 60_000)
    while (minutes.length <= minute) {
      minutes.push({ tally: newTally(), rss: groupRssMiB(server.pid()) })
      if (minutes.length > 1) report(minutes.length - 2, minutes[minutes.length - 2]!)
    }
    const e = all[i]!
    const own = e.path === '/api/v1/deployments' ? deps : gh
    own.sent++
    const m = minutes[minute]!.tally
    inFlight.push(deliver(e, () => o.port, m, agent, giveUpAt).then((ok) => ok && own.acknowledged.add(e.id)))
    if (inFlight.length > 5_000) await Promise.all(inFlight.splice(0, 2_500))
  }
  await Promise.all(inFlight)
  report(minutes.length - 1, minutes[minutes.length - 1]!)
  agent.destroy()
  const pending = await waitDeliveriesDone(f.url, 15 * 60_000)
  await w.stop()
  await server.kill()
  const counts = [await countDeployments(f.url, 'soak-', deps), ...(await countDeliveries(f.url, gh))]
  printCounts('soak', counts)
  const window = (ms: typeof minutes) => ({ p99: p99(ms), rss: Math.max(...ms.map((m) => m.rss)) })
  const first = window(minutes.slice(1, 6))
  const last = window(minutes.slice(-5))
  const flat = last.p99 <= 2 * first.p99 && last.rss <= first.rss + 100
  console.log(`soak          ${o.minutes} min at ${rate}/s: p99 ${first.p99.toFixed(0)} ms in minutes 2-6, ${last.p99.toFixed(0)} ms in the last five; ` +
    `RSS ${first.rss.toFixed(0)} → ${last.rss.toFixed(0)} MiB; flat: ${flat}; deliveries left pending ${pending}`)
  const problems: string[] = []
  if (!flat) problems.push(`soak: not flat (p99 ${first.p99.toFixed(0)} → ${last.p99.toFixed(0)} ms, RSS ${first.rss.toFixed(0)} → ${last.rss.toFixed(0)} MiB)`)
  for (const c of counts) if (c.lost || c.duplicates) problems.push(`soak ${c.what}: lost ${c.lost}, duplicates ${c.duplicates}`)
  if (minutes.some((m) => [...m.tally.statuses].some(([k]) => k.startsWith('5')))) problems.push('soak: 5xx answers')
  return problems
}

const p99 = (ms: { tally: Tally }[]) => {
  const s = ms.flatMap((m) => m.tally.latencies).sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil(s.length * 0.99) - 1)] ?? NaN
}

function report(i: number, m: { tally: Tally; rss: number }) {
  const l = latencyStats(m.tally.latencies)
  const statuses = [...m.tally.statuses].sort().map(([k, v]) => `${k} ${v}`).join(', ')
  console.log(
    `soak          minute ${String(i + 1).padStart(2)}: ${statuses}; p50 ${l.p50.toFixed(0)} ms, p99 ${p99([m]).toFixed(0)} ms, max ${l.max.toFixed(0)} ms; app RSS ${m.rss.toFixed(0)} MiB`,
  )
}
