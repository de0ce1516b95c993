import { z } from 'zod'
import { secretKeyring } from '@/lib/crypto/app-keyring'
import { openSecret, sealSecret } from '@/lib/crypto/secret-box'
import { AppError } from '@/lib/errors/app-error'

// What a channel keeps sealed (notification_channel.secret_enc): chat webhook URLs carry their token in the path,
// so the whole URL is secret; the generic webhook's signing secret; the SMTP password.
const channelSecretSchema = z.object({ url: z.string().optional(), signingSecret: z.string().optional(), password: z.string().optional() })
export type ChannelSecret = z.infer<typeof channelSecretSchema>

export function sealChannelSecret(secret: ChannelSecret): string {
  let ring
  try {
    ring = secretKeyring()
  } catch (err) {
    throw new AppError('CONFLICT', `Secrets cannot be stored on this server: ${(err as Error).message}.`)
  }
  return sealSecret(JSON.stringify(secret), ring)
}

export function openChannelSecret(sealed: string): ChannelSecret {
  return channelSecretSchema.parse(JSON.parse(openSecret(sealed, secretKeyring())))
}

// What Settings shows of a webhook URL: scheme and host, never the path (Slack's and Teams' carry the token).
export function urlTarget(url: string): string {
  const u = new URL(url)
  return `${u.protocol}//${u.host}/…`
}
