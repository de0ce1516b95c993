import { randomBytes } from 'node:crypto'
import { assertCanReadTeam, readableTeamIds, writerFor } from '@/lib/auth/access'
import type { Principal } from '@/lib/auth/principal'
import { pool, withTransaction } from '@/lib/db'
import { AppError } from '@/lib/errors/app-error'
import type { OutboundPolicy } from '@/lib/net/resolve-outbound'
import { sealChannelSecret, urlTarget, type ChannelSecret } from '@/lib/notify/channel-secret'
import { assertDestinationAllowed, notifyPolicy } from '@/lib/notify/destination-guard'
import { enqueueNotification } from '@/lib/notify/enqueue'
import { plimsollUrl } from '@/lib/alerts/plimsoll-url'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { deleteChannel, getChannel, insertChannel, listChannels, updateChannel, type ChannelRow } from '@/lib/queries/notify/channels'
import { listDeliveryLog } from '@/lib/queries/notify/deliveries'
import type { AuditWho } from '@/lib/settings/audit-who'
import { requireTeam } from '@/lib/settings/require-team'
import type { CreateChannelBody, UpdateChannelBody } from '@/lib/validation/notifications'

// What the API and Settings show of a channel: never its sealed secret (the URL's token, a password).
const publicChannel = ({ teamId: _t, config, ...c }: ChannelRow) => ({ ...c, config: c.kind === 'email' ? config : {} })

export async function notificationChannelsFor(p: Principal) {
  return (await listChannels(readableTeamIds(p))).map(publicChannel)
}

// Settings: each channel with its latest delivery attempts.
export async function notificationChannelsWithLogs(p: Principal, perChannel: number) {
  const channels = await notificationChannelsFor(p)
  return Promise.all(channels.map(async (c) => ({ ...c, log: await listDeliveryLog(c.id, perChannel) })))
}

// The destination judged by the outbound guard, the secret parts sealed, the rest kept as config.
async function destinationOf(body: CreateChannelBody, policy: OutboundPolicy) {
  if (body.kind === 'email') {
    await assertDestinationAllowed({ field: 'host', host: body.host, plain: body.security === 'none' }, policy)
    const { host, port, security, username, from, to } = body
    const secret: ChannelSecret = { password: body.password }
    return { secret, config: { host, port, security, username, from, to }, target: `${host}:${port} → ${to.join(', ')}` }
  }
  await assertDestinationAllowed({ field: 'url', url: body.url, plain: body.url.startsWith('http:') }, policy)
  const signingSecret = body.kind === 'webhook' ? (body.secret ?? randomBytes(24).toString('base64url')) : undefined
  return { secret: { url: body.url, signingSecret }, config: {}, target: urlTarget(body.url) }
}

// Admins, or maintainers (and tokens) of the team. A signing secret Plimsoll made is in this answer only.
export async function addNotificationChannel(p: Principal, who: AuditWho, body: CreateChannelBody, policy?: OutboundPolicy) {
  const team = await requireTeam(body.team)
  writerFor(p, team, `the notification channels of team "${team.slug}"`)
  const { secret, config, target } = await destinationOf(body, policy ?? (await notifyPolicy()))
  const secretEnc = sealChannelSecret(secret)
  const id = await withTransaction(async (tx) => {
    const channelId = await insertChannel({ teamId: team.id, kind: body.kind, name: body.name, events: body.events, target, config, secretEnc }, tx)
    const details = { kind: body.kind, name: body.name, target, events: body.events }
    const event = { action: 'notification-channel.create', target: { type: 'notification_channel', id: channelId }, teamId: team.id, details }
    await recordAuditEvent({ ...who, ...event }, tx)
    return channelId
  })
  const made = body.kind === 'webhook' && body.secret === undefined
  const shown = made ? { secret: secret.signingSecret } : {}
  return { id, team: team.slug, kind: body.kind, name: body.name, events: body.events, target, enabled: true, ...shown }
}

async function writableChannel(p: Principal, id: number) {
  const channel = await getChannel(id)
  if (!channel) throw new AppError('NOT_FOUND', `No notification channel ${id}.`)
  writerFor(p, { id: channel.teamId, slug: channel.team }, `the notification channels of team "${channel.team}"`)
  return channel
}

export async function changeNotificationChannel(p: Principal, who: AuditWho, id: number, body: UpdateChannelBody) {
  const channel = await writableChannel(p, id)
  await withTransaction(async (tx) => {
    await updateChannel(id, body, tx)
    const event = { action: 'notification-channel.update', target: { type: 'notification_channel', id }, teamId: channel.teamId, details: body }
    await recordAuditEvent({ ...who, ...event }, tx)
  })
  return publicChannel((await getChannel(id))!)
}

export async function removeNotificationChannel(p: Principal, who: AuditWho, id: number) {
  const channel = await writableChannel(p, id)
  await withTransaction(async (tx) => {
    await deleteChannel(id, tx)
    const details = { name: channel.name, kind: channel.kind }
    await recordAuditEvent({ ...who, action: 'notification-channel.remove', target: { type: 'notification_channel', id }, teamId: channel.teamId, details }, tx)
  })
  return { id, removed: true }
}

// "Send a test": a test message to this channel alone, through the same queue, guard and log as every alert.
export async function sendTestNotification(p: Principal, id: number) {
  const channel = await writableChannel(p, id)
  const key = `test:${id}:${Date.now()}:${randomBytes(4).toString('hex')}`
  const { notificationId } = await enqueueNotification(pool(), {
    teamId: channel.teamId, kind: 'test', channelId: id, key, title: `Test message for "${channel.name}"`,
    summary: `Plimsoll can reach this channel: team ${channel.team}'s alerts will arrive here.`,
    fields: [{ label: 'Team', value: channel.team }, { label: 'Channel', value: `${channel.name} (${channel.kind})` }],
    links: [{ label: 'Notification settings', url: plimsollUrl('/settings#notification-channels') }],
  })
  return { id, queued: notificationId !== null }
}

// A channel's delivery log, newest first (people who may read the team).
export async function channelDeliveries(p: Principal, id: number, limit: number) {
  const channel = await getChannel(id)
  if (!channel) throw new AppError('NOT_FOUND', `No notification channel ${id}.`)
  assertCanReadTeam(p, { id: channel.teamId, slug: channel.team })
  return listDeliveryLog(id, limit)
}
