import nodemailer from 'nodemailer'
import { normaliseHost, resolveOutbound, type OutboundPolicy } from '@/lib/net/resolve-outbound'
import { formatEmail } from '@/lib/notify/format-email'
import { PermanentSendError, RetryableSendError, type SendResult } from '@/lib/notify/send-http'
import type { Notice } from '@/lib/validation/notifications'

export type SmtpConfig = { host: string; port: number; security: 'starttls' | 'tls' | 'none'; username?: string; from: string; to: string[] }
type Attachment = { filename: string; contentType: string; content: Buffer }

// nodemailer's transport options for a channel: starttls requires the upgrade (a server that does not offer it is a
// failure, never a silent plain-text send), tls speaks TLS from the start (465), none never upgrades. The connection
// goes to the address the outbound guard judged; TLS still checks the certificate against the configured name.
export function smtpTransportOptions(c: SmtpConfig, address: string, password: string | undefined) {
  return {
    host: address, port: c.port, secure: c.security === 'tls', requireTLS: c.security === 'starttls', ignoreTLS: c.security === 'none',
    tls: { servername: c.host },
    auth: c.username ? { user: c.username, pass: password ?? '' } : undefined,
    connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000,
  }
}

// Sends one alert by SMTP through the outbound guard (the host judged now: DNS may have changed since it was saved).
type SendOptions = { policy: OutboundPolicy; deliveryId: string; attachments: Attachment[] }
export async function sendEmail(c: SmtpConfig, password: string | undefined, n: Notice, o: SendOptions): Promise<SendResult> {
  const target = await resolveOutbound(normaliseHost(c.host), o.policy)
  if (c.security === 'none' && !target.allowListed) throw new PermanentSendError('SMTP without TLS is only for hosts on the outbound allow-list', null)
  const transport = nodemailer.createTransport(smtpTransportOptions(c, target.address, password))
  try {
    const info = await transport.sendMail({
      from: c.from, to: c.to, ...formatEmail(n), headers: { 'X-Plimsoll-Delivery': o.deliveryId, 'X-Plimsoll-Event': n.kind },
      attachments: o.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    })
    return { responseCode: Number(/^\d{3}/.exec(info.response)?.[0] ?? 250), detail: info.response.slice(0, 200) }
  } catch (err) {
    const e = err as { responseCode?: number; message: string; code?: string }
    // 5xx SMTP replies are permanent (a refused recipient, bad credentials); 4xx and connection errors are not
    if (e.responseCode && e.responseCode >= 500) throw new PermanentSendError(`SMTP ${e.responseCode}: ${e.message}`, e.responseCode)
    if (e.code === 'EAUTH') throw new PermanentSendError(`SMTP authentication failed: ${e.message}`, e.responseCode ?? null)
    throw new RetryableSendError(e.message, e.responseCode ?? null)
  } finally {
    transport.close()
  }
}
