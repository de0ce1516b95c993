import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import sql from 'sql-template-tag'
import { pool, queryRows } from '@/lib/db'
import { storeDelivery } from '@/lib/ingest/store-delivery'

// Concurrent deliveries are stored in batches (one INSERT per batch) against PostgreSQL: each answer
// still tells stored from redelivered, and one row the database refuses fails only its own request.
const delivery = (deliveryId: string, rawBody = '{"action":"created"}') => ({ deliveryId, event: 'deployment_status', action: 'created', rawBody })
const stored = (ids: string[]) => queryRows<{ deliveryId: string; rawBody: string }>(pool(), sql`
  SELECT delivery_id AS "deliveryId", raw_body AS "rawBody" FROM webhook_delivery WHERE delivery_id = ANY(${ids}::text[]) ORDER BY id`)

describe('storeDelivery', () => {
  it('stores a burst once per delivery id, answering repeats in the same batch and later ones as redeliveries', async () => {
    const ids = Array.from({ length: 300 }, () => randomUUID())
    const burst = [...ids, ids[0]!, ids[1]!].map((id, i) => storeDelivery(delivery(id, `{"n":${i}}`)))
    const answers = await Promise.all(burst)
    expect(answers.filter(Boolean)).toHaveLength(300)
    expect(answers.slice(300)).toEqual([false, false])
    expect(await storeDelivery(delivery(ids[2]!))).toBe(false)
    const rows = await stored(ids)
    expect(rows).toHaveLength(300)
    expect(rows.find((r) => r.deliveryId === ids[0])!.rawBody).toBe('{"n":0}')
  })

  it('fails only the request whose row the database refuses', async () => {
    const [good, bad, other] = [randomUUID(), randomUUID(), randomUUID()]
    const answers = await Promise.allSettled([
      storeDelivery(delivery(good)),
      storeDelivery(delivery(bad, '{"a":"\u0000"}')),
      storeDelivery(delivery(other)),
      storeDelivery(delivery(bad, '{"a":"\u0000"}')),
    ])
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected'])
    // retried row by row after the batch failed: in whichever order the retries committed
    expect((await stored([good, bad, other])).map((r) => r.deliveryId).sort()).toEqual([good, other].sort())
  })

  it('fails a whole batch at once when the database refuses the statement itself, not row by row', async () => {
    const queries = vi.spyOn(pool(), 'query')
    queries.mockImplementationOnce((() => Promise.reject(Object.assign(new Error('connection terminated'), { code: '57P01' }))) as never)
    try {
      const answers = await Promise.allSettled([storeDelivery(delivery(randomUUID())), storeDelivery(delivery(randomUUID()))])
      expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected'])
      expect(queries).toHaveBeenCalledTimes(1)
    } finally {
      queries.mockRestore()
    }
  })
})
