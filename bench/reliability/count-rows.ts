// Row counts that end every fault test: what the database holds for the events that were sent.
import type { Count, Tally } from './sender'
import { admin } from './setup'

// Native deployments (source api) whose ids start with `prefix`.
export async function countDeployments(url: string, prefix: string, t: Tally): Promise<Count> {
  return admin(url, async (c) => {
    const { rows } = await c.query<{ external_id: string; n: number }>(
      "SELECT external_id, count(*)::int AS n FROM deployment WHERE source = 'api' AND external_id LIKE $1 || '%' GROUP BY external_id", [prefix])
    const stored = new Set(rows.map((r) => r.external_id))
    const lost = [...t.acknowledged].filter((id) => !stored.has(id)).length
    return {
      what: 'deployments (POST /api/v1)',
      sent: t.sent,
      acknowledged: t.acknowledged.size,
      stored: stored.size,
      duplicates: rows.reduce((s, r) => s + r.n - 1, 0),
      lost,
    }
  })
}

// GitHub deliveries: stored once by delivery id; the worker's effect is one deployment per delivery.
export async function countDeliveries(url: string, t: Tally): Promise<Count[]> {
  return admin(url, async (c) => {
    const ids = [...t.acknowledged]
    const { rows: stored } = await c.query<{ delivery_id: string; state: string }>('SELECT delivery_id, state FROM webhook_delivery WHERE provider = $1', [
      'github',
    ])
    const storedIds = new Set(stored.map((r) => r.delivery_id))
    const states = new Map<string, number>()
    for (const r of stored) states.set(r.state, (states.get(r.state) ?? 0) + 1)
    const { rows: [deps] } = await c.query<{ n: number; distinct_ids: number }>(
      "SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS distinct_ids FROM deployment WHERE source <> 'api'")
    const processed = states.get('processed') ?? 0
    return [
      { what: 'GitHub deliveries (stored)', sent: t.sent, acknowledged: ids.length, stored: storedIds.size, duplicates: stored.length - storedIds.size,
        lost: ids.filter((id) => !storedIds.has(id)).length, extra: [...states].map(([k, v]) => `${k} ${v}`).join(', ') },
      { what: 'GitHub deliveries (effect)', sent: t.sent, acknowledged: processed, stored: deps!.n, duplicates: deps!.n - deps!.distinct_ids,
        lost: Math.max(0, processed - deps!.distinct_ids), extra: 'acknowledged = processed by the worker; stored = deployments made from them' },
    ]
  })
}

// The rollup the dashboard reads must count each finished deployment once, however often it was written.
export async function rollupDrift(url: string): Promise<number> {
  return admin(url, async (c) => {
    const { rows: [r] } = await c.query<{ drift: number }>(`
      SELECT (SELECT coalesce(sum(success + failure), 0) FROM deployment_rollup)::int
           - (SELECT count(*) FROM deployment WHERE status IN ('success', 'failure'))::int AS drift`)
    return r!.drift
  })
}
