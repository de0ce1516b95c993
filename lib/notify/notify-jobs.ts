import type { JobDefinition, Pump } from '@/lib/jobs/registry'
import { deliverNotification, type DeliverOptions } from '@/lib/notify/deliver'
import { claimPendingDeliveries, failDelivery, unclaimDeliveries } from '@/lib/queries/notify/deliveries'

export const DELIVER_JOB = 'notify.deliver'
const deliveryIdOf = (data: unknown) => String((data as { deliveryId: string }).deliveryId)

// A delivery's job: 5 retries with backoff from 30 s (30 s, 1, 2, 4, 8 min); after the last the delivery is failed.
// Tests pass a short delay and a stub resolver.
export function notifyDeliverJob(o: DeliverOptions & { retryDelaySeconds?: number } = {}): JobDefinition {
  return {
    name: DELIVER_JOB, batchSize: 20, concurrency: 4, pollingIntervalSeconds: 1, timeoutSeconds: 60, expireInSeconds: 180,
    retry: { limit: 5, delaySeconds: o.retryDelaySeconds ?? 30 },
    run: (_ctx, data) => deliverNotification(deliveryIdOf(data), o),
    onFinalFailure: (data) => failDelivery(deliveryIdOf(data)),
  }
}

// Stored deliveries -> notify.deliver jobs (an outbox: enqueueNotification only writes rows, in the caller's
// transaction); a failed insert gives them back.
export const notifyPump: Pump = {
  name: 'notify.enqueue-deliveries',
  intervalMs: 1_000,
  run: async ({ insert }) => {
    const ids = await claimPendingDeliveries(200)
    if (ids.length === 0) return 0
    try {
      await insert(ids.map((deliveryId) => ({ name: DELIVER_JOB, data: { deliveryId } })))
    } catch (err) {
      await unclaimDeliveries(ids)
      throw err
    }
    return ids.length
  },
}
