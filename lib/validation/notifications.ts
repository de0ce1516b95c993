import { z } from 'zod'
import { slugSchema } from '@/lib/validation/common'

// What Plimsoll sends (docs/notifications.md). 'test' is the "send a test" button's: every channel takes it.
export const NOTIFICATION_KINDS = ['incident_opened', 'incident_resolved', 'burn_rate', 'goal', 'digest', 'report', 'test'] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]
export const SUBSCRIBABLE_KINDS = NOTIFICATION_KINDS.filter((k) => k !== 'test') as Exclude<NotificationKind, 'test'>[]

export const CHANNEL_KINDS = ['slack', 'teams', 'email', 'webhook'] as const
export type ChannelKind = (typeof CHANNEL_KINDS)[number]

// critical: page someone (a fast burn, an outage); warning: look today (a slow burn, a goal missed); info: news
export const SEVERITIES = ['critical', 'warning', 'info'] as const
export type Severity = (typeof SEVERITIES)[number]

const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
const httpLink = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000)

// enqueueNotification's input (lib/notify/enqueue.ts): bounded, so one alert can never cost more than a small message.
export const notificationInputSchema = z.strictObject({
  teamId: z.number().int().positive(),
  kind: z.enum(NOTIFICATION_KINDS),
  // one alert, one key: the same key enqueued again (a retry, the next evaluation) sends nothing new
  key: z.string().min(1).max(300),
  title: z.string().trim().min(1).max(200),
  summary: z.string().max(3000).default(''),
  fields: z.array(z.strictObject({ label: z.string().min(1).max(80), value: z.string().max(500) })).max(20).default([]),
  links: z.array(z.strictObject({ label: z.string().min(1).max(80), url: httpLink })).max(6).default([]),
  severity: z.enum(SEVERITIES).default('info'),
  // e-mail only (chat channels get the links): the quarterly report's PDF
  attachments: z.array(z.strictObject({
    filename: z.string().min(1).max(200).regex(/^[^/\\\u0000-\u001f]+$/, 'must be a plain file name'),
    contentType: z.string().min(3).max(100).regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type'),
    content: z.instanceof(Buffer).refine((b) => b.length <= MAX_ATTACHMENT_BYTES, 'must be at most 10 MiB'),
  })).max(3).default([]),
  // 'test' only: the one channel to send it to
  channelId: z.number().int().positive().optional(),
})
export type NotificationInput = z.input<typeof notificationInputSchema>
export type Notice = Omit<z.infer<typeof notificationInputSchema>, 'attachments' | 'channelId' | 'teamId'>

const events = z.array(z.enum(SUBSCRIBABLE_KINDS)).min(1, 'choose at least one kind').max(SUBSCRIBABLE_KINDS.length)
  .transform((list) => [...new Set(list)])
const name = z.string().trim().min(1).max(80)
const hookUrl = z.url({ protocol: /^https?$/, error: 'must be an https:// URL' }).max(2000)
const email = z.email().max(254)
const smtpHost = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]_-]+$/, 'must be a host name or an IP address')

const common = { team: slugSchema, name, events: events.default([...SUBSCRIBABLE_KINDS]) }

// POST /api/settings/notification-channels: one destination of a team's alerts.
export const createChannelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('slack'), url: hookUrl.describe('The Slack app\'s incoming-webhook URL.') }),
  z.strictObject({ ...common, kind: z.literal('teams'), url: hookUrl.describe('The Teams channel\'s incoming-webhook URL.') }),
  z.strictObject({
    ...common, kind: z.literal('webhook'), url: hookUrl,
    secret: z.string().trim().min(16, 'must be at least 16 characters').max(200).optional()
      .describe('HMAC-SHA256 signing secret (made when left out, shown once).'),
  }),
  z.strictObject({
    ...common, kind: z.literal('email'), host: smtpHost, port: z.number().int().min(1).max(65535).default(587),
    security: z.enum(['starttls', 'tls', 'none']).default('starttls')
      .describe('starttls: plain connection upgraded, TLS required (587); tls: TLS from the start (465); none: no TLS (allow-listed hosts only).'),
    username: z.string().max(200).optional(), password: z.string().max(500).optional(),
    from: email, to: z.array(email).min(1).max(20),
  }),
], { error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${CHANNEL_KINDS.join(', ')}` : undefined) })
export type CreateChannelBody = z.infer<typeof createChannelSchema>

// PATCH /api/settings/notification-channels/<id>: the name, the kinds received, on or off.
export const updateChannelSchema = z.strictObject({ name: name.optional(), events: events.optional(), enabled: z.boolean().optional() })
  .refine((b) => Object.keys(b).length > 0, 'name, events or enabled')
export type UpdateChannelBody = z.infer<typeof updateChannelSchema>

export const channelParams = z.strictObject({ id: z.coerce.number().int().positive().max(2_147_483_647) })

export const deliveriesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) })
