import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '@/lib/auth/principal'

// Incident notices end to end: a probe and an incident source open and resolve incidents; the owning team's Slack,
// Teams and signed webhook channels (a local sink on 127.0.0.1) and its e-mail channel (a local SMTP server, the npm
// smtp-server package) receive them, with the linked deployment and links back to Plimsoll; "send a test" reaches
// the e-mail channel too. 127.0.0.1 is allow-listed for the test as an admin would.
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')
process.env.PLIMSOLL_PUBLIC_URL = 'https://plimsoll.example'

const { pool } = await import('@/lib/db')
const { startWorker } = await import('@/lib/jobs/worker')
const { allowListOf } = await import('@/lib/net/allow-list')
const { notifyDeliverJob, notifyPump } = await import('@/lib/notify/notify-jobs')
const { addNotificationChannel, sendTestNotification } = await import('@/lib/settings/manage-notification-channels')
const { applySourceItems } = await import('@/lib/incident-sources/apply-source-items')
const { insertIncidentSource, insertSourceRule } = await import('@/lib/queries/incident-sources/sources')
const { ingestDeployments } = await import('@/lib/ingest/ingest-deployments')
const { parseDeploymentRequest } = await import('@/lib/ingest/parse-deployment-request')
const { ingestAvailabilityResult } = await import('@/lib/probes/ingest-availability')
const { availabilityResultSchema } = await import('@/lib/validation/availability')
const { startNotificationSink } = await import('@/lib/testing/notification-sink')
const { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } = await import('@/lib/testing/seed-team')
const { startSmtpSink } = await import('@/lib/testing/smtp-sink')

const signingSecret = `whsec-${randomBytes(12).toString('hex')}`
const policy = { allowList: allowListOf(['127.0.0.1']) }
const admin: Principal = { kind: 'user', userId: 'admin', email: 'admin@example.com', name: 'Admin', role: 'admin', teamIds: [] }
const who = { actor: { userId: 'admin', email: 'admin@example.com', role: 'admin' }, ip: null, userAgent: null }
const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }
let sink: Awaited<ReturnType<typeof startNotificationSink>>
let smtp: Awaited<ReturnType<typeof startSmtpSink>>
const mails = () => smtp.mails
let worker: Awaited<ReturnType<typeof startWorker>>
let team: Awaited<ReturnType<typeof seedTeamWithToken>>
let service: string
let emailChannel: number
let deploymentId: number

async function waitFor(ok: () => boolean, ms = 30_000) {
  const until = Date.now() + ms
  while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 200))
}

const messages = (path: string) => sink.on(path).map((r) => r.json as Record<string, unknown>)
const slackTexts = () => messages('/slack').map((m) => JSON.stringify(m))

beforeAll(async () => {
  sink = await startNotificationSink({ signingSecret })
  smtp = await startSmtpSink()
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'notices')
  service = uniqueSlug('checkout')
  const caller = tokenPrincipalOf(team)
  const deployedAt = new Date(Date.now() - 3_600_000).toISOString()
  const deployment = { id: uniqueSlug('d'), service, environment: 'production', status: 'success', finishedAt: deployedAt, version: 'v1.2.3' }
  const { inputs } = parseDeploymentRequest(deployment, new Date())
  await ingestDeployments(caller, inputs, raw)
  deploymentId = (await pool().query(
    'SELECT d.id FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = $1 AND s.team_id = $2', [service, team.teamId])).rows[0].id
  const base = { team: team.team, events: ['incident_opened', 'incident_resolved'] as ('incident_opened' | 'incident_resolved')[] }
  await addNotificationChannel(admin, who, { ...base, kind: 'slack', name: 'chat', url: `${sink.origin}/slack` }, policy)
  await addNotificationChannel(admin, who, { ...base, kind: 'teams', name: 'teams', url: `${sink.origin}/teams` }, policy)
  await addNotificationChannel(admin, who, { ...base, kind: 'webhook', name: 'hook', url: `${sink.origin}/hook`, secret: signingSecret }, policy)
  emailChannel = (await addNotificationChannel(admin, who, {
    ...base, kind: 'email', name: 'mail', host: '127.0.0.1', port: smtp.port, security: 'none',
    from: 'plimsoll@example.com', to: ['oncall@example.com', 'lead@example.com'],
  }, policy)).id
  worker = await startWorker(process.env.DATABASE_URL!, [notifyDeliverJob({ policy, retryDelaySeconds: 1 })], [notifyPump])
})

afterAll(async () => {
  await worker?.stop()
  await sink?.stop()
  await smtp?.stop()
})

describe('incident notices', () => {
  it('a probe opening and resolving an outage is told on every channel, with the deployment before it', async () => {
    const caller = tokenPrincipalOf(team)
    const at = (s: number) => new Date(Date.now() - 600_000 + s * 1000).toISOString()
    for (const [s, up] of [[0, true], [60, false], [120, false], [180, false]] as const) {
      await ingestAvailabilityResult(caller, availabilityResultSchema.parse({ service, check: 'health', at: at(s), up }), raw)
    }
    await waitFor(() => mails().length >= 1 && sink.received.length >= 3)
    const [opened] = mails()
    expect(opened!.subject).toMatch(/^\[Plimsoll\] CRITICAL: Incident opened: health/)
    expect(opened!.to).toBe('oncall@example.com, lead@example.com')
    expect(opened!.text).toContain('Deployment: v1.2.3 (the last before it)')
    expect(opened!.text).toMatch(/Incident in Plimsoll: https:\/\/plimsoll\.example\/incidents\/\d+/)
    expect(opened!.text).toContain(`Deployment: https://plimsoll.example/deployments/${deploymentId}`)
    expect(slackTexts()[0]).toContain('Incident opened: health')
    expect(messages('/teams')[0]).toMatchObject({ type: 'message' })
    expect(sink.on('/hook')[0]!.signatureValid).toBe(true)
    expect(messages('/hook')[0]).toMatchObject({ kind: 'incident_opened', team: team.team, severity: 'critical' })

    await ingestAvailabilityResult(caller, availabilityResultSchema.parse({ service, check: 'health', at: at(240), up: true }), raw)
    await waitFor(() => mails().length >= 2 && sink.on('/hook').length >= 2)
    expect(mails()[1]!.subject).toMatch(/Incident resolved: health/)
    expect(mails()[1]!.text).toMatch(/Resolved: .*\(after 3 min/)
    expect(messages('/hook')[1]).toMatchObject({ kind: 'incident_resolved', severity: 'info' })
  })

  it('an incident tool opening and resolving an incident is told once per transition, replays add nothing', async () => {
    const sourceId = await insertIncidentSource({ teamId: team.teamId, kind: 'alertmanager', name: uniqueSlug('am'), secretEnc: 'unused here' })
    const serviceId = (await pool().query('SELECT id FROM service WHERE slug = $1 AND team_id = $2', [service, team.teamId])).rows[0].id
    await insertSourceRule({ sourceId, match: 'label', key: 'service', value: 'checkout', serviceId })
    const item = (resolvedAt: Date | null) => ({
      vendorIncidentId: 'fp-1', eventType: resolvedAt ? 'resolved' : 'firing', occurredAt: resolvedAt ?? new Date(Date.now() - 120_000),
      attributes: { services: [], tags: [], labels: { service: ['checkout'] } },
      incident: {
        title: 'HighErrorRate', severity: 'high' as const, openedAt: new Date(Date.now() - 120_000), resolvedAt,
        url: 'https://alerts.example/fp-1', outage: false,
      },
    })
    const before = sink.on('/hook').length
    await applySourceItems({ id: sourceId, kind: 'alertmanager' }, 'd1', [item(null)], '{}')
    await applySourceItems({ id: sourceId, kind: 'alertmanager' }, 'd1', [item(null)], '{}')
    await applySourceItems({ id: sourceId, kind: 'alertmanager' }, 'd2', [item(new Date())], '{}')
    await waitFor(() => sink.on('/hook').length >= before + 2)
    await new Promise((r) => setTimeout(r, 1500))
    // deliveries run concurrently: the order of arrival is not the order of events (createdAt is)
    const told = messages('/hook').slice(before).sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)))
    expect(told.map((m) => [m.kind, m.title])).toEqual([
      ['incident_opened', 'Incident opened: HighErrorRate'], ['incident_resolved', 'Incident resolved: HighErrorRate'],
    ])
    expect(told[0]!.links).toContainEqual({ label: 'In the incident tool', url: 'https://alerts.example/fp-1' })
    expect(told[0]!.fields).toContainEqual({ label: 'Deployment', value: 'v1.2.3 (the last before it)' })
  })

  it('"send a test" reaches the e-mail channel', async () => {
    const before = mails().length
    expect(await sendTestNotification(admin, emailChannel)).toEqual({ id: emailChannel, queued: true })
    await waitFor(() => mails().length > before)
    const test = mails().at(-1)!
    expect(test.subject).toBe('[Plimsoll] Test message for "mail"')
    expect(test.from).toContain('plimsoll@example.com')
    expect(test.header('x-plimsoll-event')).toBe('test')
    expect(test.text).toContain('Notification settings: https://plimsoll.example/settings#notification-channels')
  })
})
