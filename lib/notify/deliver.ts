import { OutboundRefused, OutboundUnresolved } from '@/lib/net/resolve-outbound'
import { notifyPolicy } from '@/lib/notify/destination-guard'
import { PermanentSendError, RetryableSendError } from '@/lib/notify/send-http'
import { sendToChannel, type SendDeps } from '@/lib/notify/send-to-channel'
import { claimDeliveryForSending, getDeliveryToSend, recordAttempt, type AttemptOutcome } from '@/lib/queries/notify/deliveries'

export type DeliverOptions = { policy?: SendDeps['policy']; now?: () => Date }

// The notify.deliver job: sends one stored delivery. A delivery already sent (a job retried after its success, a
// second job for it) is not sent again; each attempt is logged. A refused destination or an answer no retry changes
// fails it at once (no throw); anything else throws, so the job queue retries it with backoff.
export async function deliverNotification(deliveryId: string, o: DeliverOptions = {}): Promise<void> {
  const claimed = await claimDeliveryForSending(deliveryId)
  if (!claimed) return
  const delivery = await getDeliveryToSend(deliveryId)
  if (!delivery) return
  const deps = { policy: o.policy ?? (await notifyPolicy()), now: o.now ?? (() => new Date()) }
  let outcome: AttemptOutcome
  try {
    const sent = await sendToChannel(delivery, deps)
    outcome = { outcome: 'sent', ...sent }
  } catch (err) {
    const detail = err instanceof OutboundRefused ? `refused: ${delivery.channel.target} ${err.reason}` : (err as Error).message
    const permanent = err instanceof OutboundRefused || err instanceof PermanentSendError
    const responseCode = err instanceof PermanentSendError || err instanceof RetryableSendError ? err.responseCode : null
    await recordAttempt(deliveryId, claimed.attempt, { outcome: err instanceof OutboundRefused ? 'refused' : 'failed', responseCode, detail }, permanent)
    if (permanent) return
    throw err instanceof OutboundUnresolved || err instanceof RetryableSendError ? err : new RetryableSendError(detail, null)
  }
  await recordAttempt(deliveryId, claimed.attempt, outcome, true)
}
