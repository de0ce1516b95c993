// Crash: deployments and signed GitHub deliveries at full speed while the app is SIGKILLed `kills` times
// and started again; then every event is sent once more with the same ids. Every 2xx must be stored
// exactly once, the retries must add nothing, and the worker must finish every delivery.
import { countDeliveries, countDeployments, rollupDrift } from './count-rows'
import { deploymentEvent, githubEvent } from './payloads'
import { describeTally, newTally, printCounts, sendAll, type Count } from './sender'
import { app, createFixtures, fixturesEnv, log, sleep, waitDeliveriesDone, worker, type AppBuild } from './setup'

export async function crashTest(o: { build: AppBuild; adminUrl: string; port: number; events: number; kills: number; concurrency: number }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'crash')
  const server = app(o.build, o.port, fixturesEnv(f), 'crash-app')
  await server.start()
  const w = worker(f, o.build.logDir, 'crash-worker')
  w.start()
  const half = Math.floor(o.events / 2)
  const deployments = Array.from({ length: half }, (_, i) => deploymentEvent(f, `crash-${i}`, i))
  const deliveries = await Promise.all(Array.from({ length: o.events - half }, (_, i) => githubEvent(f, i)))
  const dt = newTally()
  const gt = newTally()
  // kill when 1/(k+1), 2/(k+1)… of all events are through: mid-flight, with requests on the wire
  let done = 0
  let killing: Promise<void> = Promise.resolve()
  let kills = 0
  const thresholds = Array.from({ length: o.kills }, (_, k) => Math.floor(((k + 1) * o.events) / (o.kills + 1)))
  const onProgress = () => {
    done++
    if (kills < o.kills && done >= thresholds[kills]!) {
      kills++
      const k = kills
      killing = killing.then(async () => {
        log(`crash: SIGKILL ${k} of ${o.kills} after ${done} events`)
        await server.kill()
        await sleep(1000)
        await server.start()
        log(`crash: app back after kill ${k}`)
      })
    }
  }
  const started = Date.now()
  await Promise.all([
    sendAll(deployments, () => o.port, { concurrency: o.concurrency, onProgress }, dt),
    sendAll(deliveries, () => o.port, { concurrency: o.concurrency, onProgress }, gt),
  ])
  await killing
  log(`crash: first pass done in ${((Date.now() - started) / 1000).toFixed(0)} s; deployments: ${describeTally(dt)}`)
  log(`crash: deliveries: ${describeTally(gt)}`)
  // clients that never saw their answer retry with the same ids: nothing may be written twice
  const rt = newTally()
  await sendAll([...deployments, ...deliveries], () => o.port, { concurrency: o.concurrency }, rt)
  const replayed = rt.statuses.get('200') ?? 0
  const created = (rt.statuses.get('201') ?? 0) + (rt.statuses.get('202') ?? 0)
  log(`crash: retry pass with the same ids: ${describeTally(rt)}`)
  const pending = await waitDeliveriesDone(f.url, 10 * 60_000)
  await w.stop()
  await server.kill()
  const counts: Count[] = [await countDeployments(f.url, 'crash-', dt), ...(await countDeliveries(f.url, gt))]
  const drift = await rollupDrift(f.url)
  printCounts('crash', counts)
  console.log(
    `crash         ${kills} SIGKILLs; retry pass: ${rt.acknowledged.size} of ${rt.sent} acknowledged again (${replayed} 200, ${created} 201/202), deliveries left pending ${pending}, rollup drift ${drift}`,
  )
  const problems: string[] = []
  for (const c of counts) {
    if (c.lost) problems.push(`crash: ${c.lost} acknowledged ${c.what} not stored`)
    if (c.duplicates) problems.push(`crash: ${c.duplicates} duplicate ${c.what}`)
    if (c.acknowledged !== c.sent) problems.push(`crash: ${c.sent - c.acknowledged} ${c.what} never acknowledged`)
  }
  if (pending) problems.push(`crash: ${pending} deliveries still pending`)
  if (drift) problems.push(`crash: the deployment rollup is off by ${drift}`)
  for (const t of [dt, gt, rt]) {
    if ((t.statuses.get('500') ?? 0) > 0) problems.push(`crash: ${t.statuses.get('500')} answers were 500: ${t.violations.slice(0, 3).join(' | ')}`)
  }
  return problems
}
