import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LookupAll } from '@/lib/net/resolve-outbound'

// Enqueue -> outbox pump -> pg-boss job -> a local sink on 127.0.0.1 (allow-listed for the test, as an admin would),
// through the real worker and PostgreSQL.
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool } = await import('@/lib/db')
const { startWorker } = await import('@/lib/jobs/worker')
const { allowListOf } = await import('@/lib/net/allow-list')
const { enqueueNotification } = await import('@/lib/notify/enqueue')
const { deliverNotification } = await import('@/lib/notify/deliver')
const { notifyDeliverJob, notifyPump } = await import('@/lib/notify/notify-jobs')
const { sealChannelSecret, urlTarget } = await import('@/lib/notify/channel-secret')
const { insertChannel } = await import('@/lib/queries/notify/channels')
const { listDeliveryLog } = await import('@/lib/queries/notify/deliveries')
const { startNotificationSink } = await import('@/lib/testing/notification-sink')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')

const signingSecret = `whsec-${randomBytes(12).toString('hex')}`
// evil.test resolves to a private address: refused at send time although nobody allow-listed it
const lookup: LookupAll = async (host) => (host === 'evil.test' ? [{ address: '10.0.0.1', family: 4 }] : [{ address: '127.0.0.1', family: 4 }])
const policy = { allowList: allowListOf(['127.0.0.1']), lookup }

let sink: Awaited<ReturnType<typeof startNotificationSink>>
let worker: Awaited<ReturnType<typeof startWorker>>
let team: Awaited<ReturnType<typeof seedTeamWithToken>>
const channels: Record<string, number> = {}

async function addChannel(kind: 'slack' | 'teams' | 'webhook', url: string, events = ['incident_opened', 'incident_resolved']) {
  return insertChannel({
    teamId: team.teamId, kind, name: uniqueSlug(kind), events, target: urlTarget(url), config: {},
    secretEnc: sealChannelSecret({ url, ...(kind === 'webhook' ? { signingSecret } : {}) }),
  })
}

async function deliveryStates(notificationId: string | null) {
  const { rows } = await pool().query('SELECT channel_id AS "channelId", state, attempts FROM notification_delivery WHERE notification_id = $1 ORDER BY channel_id', [notificationId])
  return rows as { channelId: number; state: string; attempts: number }[]
}

async function waitSettled(notificationId: string | null, ms = 30_000) {
  const until = Date.now() + ms
  for (;;) {
    const states = await deliveryStates(notificationId)
    if (states.every((s) => s.state === 'sent' || s.state === 'failed') || Date.now() > until) return states
    await new Promise((r) => setTimeout(r, 200))
  }
}

beforeAll(async () => {
  sink = await startNotificationSink({ signingSecret })
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'notify')
  channels.slack = await addChannel('slack', `${sink.origin}/slack/T000/B000/XXXX`)
  channels.teams = await addChannel('teams', `${sink.origin}/teams/webhookb2/xyz`)
  channels.webhook = await addChannel('webhook', `${sink.origin}/generic`)
  channels.flaky = await addChannel('webhook', `${sink.origin}/fail-2/flaky`, ['burn_rate'])
  channels.evil = await addChannel('webhook', 'http://evil.test/hook', ['goal'])
  channels.digestOnly = await addChannel('slack', `${sink.origin}/slack/digest-only`, ['digest'])
  worker = await startWorker(process.env.DATABASE_URL!, [notifyDeliverJob({ policy, retryDelaySeconds: 1 })], [notifyPump])
})

afterAll(async () => {
  await worker?.stop()
  await sink?.stop()
})

const notice = (key: string) => ({
  teamId: team.teamId, kind: 'incident_opened' as const, key, title: 'checkout failing: HTTP 503', summary: 'Opened by the probe <checkout> & co',
  severity: 'critical' as const, fields: [{ label: 'Service', value: 'checkout' }, { label: 'Deployment', value: 'v1.2.3' }],
  links: [{ label: 'Open in Plimsoll', url: 'https://plimsoll.example/incidents/1' }],
})

describe('notification delivery', () => {
  it('fans an alert out to the channels that receive its kind, each in its format', async () => {
    const key = uniqueSlug('incident')
    const { notificationId, deliveries } = await enqueueNotification(pool(), notice(key))
    expect(deliveries).toBe(3)
    const states = await waitSettled(notificationId)
    expect(states.map((s) => [s.channelId, s.state])).toEqual([[channels.slack, 'sent'], [channels.teams, 'sent'], [channels.webhook, 'sent']])

    const [slack] = sink.on('/slack/T000/B000/XXXX')
    expect(slack!.json).toMatchObject({ text: expect.stringContaining('checkout failing'), blocks: expect.any(Array) })
    const blocks = (slack!.json as { blocks: { type: string; text?: { type: string; text: string } }[] }).blocks
    expect(blocks.every((b) => b.type === 'section')).toBe(true)
    expect(blocks[0]!.text!.text).toContain('&lt;checkout&gt; &amp; co')

    const [teams] = sink.on('/teams/webhookb2/xyz')
    expect(teams!.json).toMatchObject({ type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null,
      content: { type: 'AdaptiveCard', version: '1.2', body: expect.arrayContaining([expect.objectContaining({ type: 'FactSet' })]) } }] })

    const [generic] = sink.on('/generic')
    expect(generic!.signatureValid).toBe(true)
    expect(generic!.headers['x-plimsoll-event']).toBe('incident_opened')
    expect(generic!.json).toMatchObject({ kind: 'incident_opened', key, team: team.team, severity: 'critical', title: 'checkout failing: HTTP 503' })
    expect(sink.on('/slack/digest-only')).toHaveLength(0)
  })

  it('the same alert key again sends nothing; a retried job after a success sends nothing', async () => {
    const key = uniqueSlug('again')
    const first = await enqueueNotification(pool(), notice(key))
    await waitSettled(first.notificationId)
    const before = sink.received.length
    expect(await enqueueNotification(pool(), notice(key))).toEqual({ notificationId: first.notificationId, deliveries: 0 })
    const { rows } = await pool().query('SELECT id::text FROM notification_delivery WHERE notification_id = $1', [first.notificationId])
    for (const r of rows as { id: string }[]) await deliverNotification(r.id, { policy })
    await new Promise((r) => setTimeout(r, 1500))
    expect(sink.received.length).toBe(before)
  })

  it('a receiver that fails twice then accepts gets exactly one copy, and the log shows three attempts', async () => {
    const key = uniqueSlug('burn')
    const { notificationId } = await enqueueNotification(pool(), { ...notice(key), kind: 'burn_rate', title: 'checkout burns 14.4x' })
    const states = await waitSettled(notificationId, 45_000)
    expect(states).toEqual([{ channelId: channels.flaky, state: 'sent', attempts: 3 }])
    expect(sink.on('/fail-2/flaky')).toHaveLength(1)
    expect(sink.on('/fail-2/flaky')[0]!.signatureValid).toBe(true)
    const log = await listDeliveryLog(channels.flaky!, 10)
    expect(log.map((l) => [l.attempt, l.outcome, l.responseCode])).toEqual([[3, 'sent', 200], [2, 'failed', 503], [1, 'failed', 503]])
    expect(log[2]!.detail).toBe('HTTP 503: try again later')
  })

  it('a host that resolves to a private address at send time is refused, not sent, not retried', async () => {
    const { notificationId } = await enqueueNotification(pool(), { ...notice(uniqueSlug('goal')), kind: 'goal', title: 'CFR goal missed' })
    expect(await waitSettled(notificationId)).toEqual([{ channelId: channels.evil, state: 'failed', attempts: 1 }])
    const [line] = await listDeliveryLog(channels.evil!, 10)
    expect(line).toMatchObject({ outcome: 'refused', responseCode: null })
    expect(line!.detail).toContain('resolves to a private address')
  })

  it('a team without a channel for the kind stores nothing; bad input is a 422 naming the field', async () => {
    expect(await enqueueNotification(pool(), { ...notice(uniqueSlug('r')), kind: 'report' })).toEqual({ notificationId: null, deliveries: 0 })
    await expect(enqueueNotification(pool(), { ...notice('k'), title: '' })).rejects.toMatchObject({ status: 422, fields: [expect.objectContaining({ path: 'title' })] })
    await expect(enqueueNotification(pool(), { ...notice('k'), links: [{ label: 'x', url: 'javascript:alert(1)' }] }))
      .rejects.toMatchObject({ status: 422, fields: [expect.objectContaining({ path: 'links.0.url' })] })
  })
})
