import type { OutboundPolicy } from '@/lib/net/resolve-outbound'
import { pool } from '@/lib/db'
import { sendEmail, type SmtpConfig } from '@/lib/notify/send-email'
import { listAttachments } from '@/lib/queries/notify/notifications'
import { openChannelSecret } from '@/lib/notify/channel-secret'
import { formatSlack } from '@/lib/notify/format-slack'
import { formatTeams } from '@/lib/notify/format-teams'
import { formatWebhook } from '@/lib/notify/format-webhook'
import { postJson, type SendResult } from '@/lib/notify/send-http'
import { signWebhook } from '@/lib/notify/sign-webhook'
import type { DeliveryToSend } from '@/lib/queries/notify/deliveries'

export type SendDeps = { policy: OutboundPolicy; now: () => Date }

// One delivery, in its channel's format. Throws on failure (lib/notify/deliver.ts tells retryable from not).
export async function sendToChannel(d: DeliveryToSend, deps: SendDeps): Promise<SendResult> {
  const secret = openChannelSecret(d.channel.secretEnc)
  const { notice, channel } = d
  switch (channel.kind) {
    case 'slack':
      return postJson(secret.url!, JSON.stringify(formatSlack(notice)), {}, deps.policy)
    case 'teams':
      return postJson(secret.url!, JSON.stringify(formatTeams(notice)), {}, deps.policy)
    case 'webhook': {
      const body = JSON.stringify(formatWebhook(notice, { deliveryId: d.id, team: channel.team, createdAt: new Date(d.createdAt) }))
      const signature = signWebhook(secret.signingSecret!, body, Math.floor(deps.now().getTime() / 1000))
      return postJson(secret.url!, body, { 'x-plimsoll-signature': signature, 'x-plimsoll-delivery': d.id, 'x-plimsoll-event': notice.kind }, deps.policy)
    }
    case 'email': {
      const attachments = await listAttachments(pool(), d.notificationId)
      return sendEmail(channel.config as SmtpConfig, secret.password, notice, { policy: deps.policy, deliveryId: d.id, attachments })
    }
  }
}
