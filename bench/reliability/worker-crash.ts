// Worker crash: signed deliveries are acknowledged by the app, the worker is SIGKILLed while it is
// processing a batch and started again. Every delivery must end processed, its effect (a deployment and
// its rollup count) written once; the jobs that were running are retried after they expire.
import { countDeliveries, rollupDrift } from './count-rows'
import { githubEvent } from './payloads'
import { describeTally, newTally, printCounts, sendAll } from './sender'
import { app, createFixtures, fixturesEnv, log, scalar, sleep, waitDeliveriesDone, worker, type AppBuild } from './setup'

export async function workerCrashTest(o: { build: AppBuild; adminUrl: string; port: number; deliveries: number }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'worker')
  const server = app(o.build, o.port, fixturesEnv(f), 'worker-app')
  await server.start()
  const events = await Promise.all(Array.from({ length: o.deliveries }, (_, i) => githubEvent(f, i)))
  const t = await sendAll(events, () => o.port, { concurrency: 16 }, newTally())
  log(`worker-crash: ${describeTally(t)}`)
  await server.kill()
  const w = worker(f, o.build.logDir, 'worker-crash-worker')
  w.start()
  const processed = () => scalar(f.url, "SELECT count(*)::int FROM webhook_delivery WHERE state <> 'pending'")
  const killAt = Math.floor(o.deliveries / 4)
  while ((await processed()) < killAt) await sleep(100)
  const active = await scalar(f.url, "SELECT count(*)::int FROM pgboss.job WHERE state = 'active'")
  await w.kill()
  const atKill = await processed()
  log(`worker-crash: SIGKILL with ${atKill} of ${o.deliveries} processed and ${active} jobs active`)
  const restarted = Date.now()
  w.start()
  const pending = await waitDeliveriesDone(f.url, 8 * 60_000)
  const recoveredSeconds = (Date.now() - restarted) / 1000
  const retried = await scalar(f.url, "SELECT count(*)::int FROM pgboss.job WHERE name = 'github.delivery' AND retry_count > 0")
  await w.stop()
  const counts = await countDeliveries(f.url, t)
  const drift = await rollupDrift(f.url)
  printCounts('worker-crash', counts)
  console.log(
    `worker-crash  SIGKILL with ${active} jobs active (${atKill} deliveries processed); all done ${recoveredSeconds.toFixed(0)} s after the restart; ` +
      `${retried} jobs retried; pending ${pending}; rollup drift ${drift}`,
  )
  const problems: string[] = []
  for (const c of counts) {
    if (c.lost || c.duplicates) problems.push(`worker-crash ${c.what}: lost ${c.lost}, duplicates ${c.duplicates}`)
  }
  if (counts[1]!.acknowledged !== o.deliveries) problems.push(`worker-crash: ${o.deliveries - counts[1]!.acknowledged} deliveries not processed`)
  if (pending) problems.push(`worker-crash: ${pending} deliveries still pending`)
  if (drift) problems.push(`worker-crash: the deployment rollup is off by ${drift}`)
  return problems
}
