// Two replicas: two `next start` processes against one database, as behind a load balancer. Deployments
// go to either (every third one to both at the same moment, a client retrying on the other replica); then
// both must list the same deployments and compute the same metrics, each stored once.
import http from 'node:http'
import { countDeployments } from './count-rows'
import { deploymentEvent } from './payloads'
import { deliver, describeTally, newTally, printCounts } from './sender'
import { app, createFixtures, fixturesEnv, type AppBuild, type Fixtures } from './setup'

export async function replicasTest(o: { build: AppBuild; adminUrl: string; ports: [number, number]; events: number; concurrency: number }): Promise<string[]> {
  const f = await createFixtures(o.adminUrl, 'replicas')
  const replicas = o.ports.map((p, i) => app(o.build, p, fixturesEnv(f), `replica-${i + 1}`))
  await Promise.all(replicas.map((r) => r.start()))
  const events = Array.from({ length: o.events }, (_, i) => deploymentEvent(f, `replica-${i}`, i, { idempotencyKey: i % 2 === 0 }))
  const t = newTally()
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency * 2 })
  const giveUpAt = Date.now() + 10 * 60_000
  let next = 0
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    for (let i = next++; i < events.length; i = next++) {
      t.sent++
      const e = events[i]!
      if (i % 3 === 0) await Promise.all(o.ports.map((p) => deliver(e, () => p, t, agent, giveUpAt)))
      else await deliver(e, () => o.ports[i % 2]!, t, agent, giveUpAt)
    }
  }))
  agent.destroy()
  const reads = await Promise.all(o.ports.map((p) => readBack(p, f)))
  await Promise.all(replicas.map((r) => r.kill()))
  const count = await countDeployments(f.url, 'replica-', t)
  printCounts('replicas', [count])
  const sameList = reads[0]!.ids.join() === reads[1]!.ids.join()
  // the reports are computed at two instants (availability and open incidents run to "now"), so the
  // deployment counts are compared, and whether the whole text matched is only reported
  const sameMetrics = reads[0]!.deployments === reads[1]!.deployments
  console.log(
    `replicas      ${describeTally(t)}; listed by replica 1: ${reads[0]!.ids.length}, by replica 2: ${reads[1]!.ids.length} (same: ${sameList}); ` +
      `deployments in the metrics: ${reads[0]!.deployments} and ${reads[1]!.deployments} (whole report text identical: ${reads[0]!.metrics === reads[1]!.metrics})`,
  )
  const problems: string[] = []
  if (count.lost || count.duplicates || count.acknowledged !== count.sent)
    problems.push(`replicas: lost ${count.lost}, duplicates ${count.duplicates}, unacknowledged ${count.sent - count.acknowledged}`)
  if ([...t.statuses].some(([k]) => k.startsWith('5'))) problems.push(`replicas: 5xx answers: ${t.violations.slice(0, 3).join(' | ')}`)
  if (!sameList || reads[0]!.ids.length !== count.stored)
    problems.push(`replicas: the lists differ (${reads[0]!.ids.length} / ${reads[1]!.ids.length} / stored ${count.stored})`)
  if (!sameMetrics || reads[0]!.deployments !== count.stored)
    problems.push(`replicas: the metrics differ or miss deployments (${reads[0]!.deployments} counted, ${count.stored} stored)`)
  return problems
}

// Every deployment id the replica lists (all pages), and its metrics for the whole window.
async function readBack(port: number, f: Fixtures): Promise<{ ids: string[]; metrics: string; deployments: number }> {
  const headers = { authorization: `Bearer ${f.token}` }
  const ids: string[] = []
  let cursor: string | null = null
  do {
    const url = new URL(`http://127.0.0.1:${port}/api/v1/deployments`)
    url.searchParams.set('limit', '500')
    if (cursor) url.searchParams.set('cursor', cursor)
    const page = (await (await fetch(url, { headers })).json()) as { data: { externalId: string }[]; nextCursor: string | null }
    ids.push(...page.data.map((d) => d.externalId))
    cursor = page.nextCursor
  } while (cursor)
  const q = new URLSearchParams({ from: '2025-12-01T00:00:00Z', to: '2026-12-01T00:00:00Z', granularity: 'week', tz: 'UTC' })
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/metrics?${q}`, { headers })
  const text = await res.text()
  const summary = (JSON.parse(text) as { metrics?: { deploymentFrequency?: { summary?: { count: number; failed: number } } } }).metrics?.deploymentFrequency
    ?.summary
  return { ids: ids.sort(), metrics: `${res.status} ${text}`, deployments: summary ? summary.count + summary.failed : -1 }
}
