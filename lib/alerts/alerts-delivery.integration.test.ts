import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '@/lib/auth/principal'
import type { LookupAll } from '@/lib/net/resolve-outbound'

// Burn-rate, goal and digest messages from their evaluations to a local sink on 127.0.0.1 (allow-listed for the
// test, as an admin would), through the real worker's delivery job and PostgreSQL: the signed generic webhook, Slack
// and Teams (the sink) and e-mail (a local SMTP server) each receive every message once.
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { pool } = await import('@/lib/db')
const { startWorker } = await import('@/lib/jobs/worker')
const { allowListOf } = await import('@/lib/net/allow-list')
const { notifyDeliverJob, notifyPump } = await import('@/lib/notify/notify-jobs')
const { sealChannelSecret, urlTarget } = await import('@/lib/notify/channel-secret')
const { insertChannel } = await import('@/lib/queries/notify/channels')
const { upsertProbeRollups } = await import('@/lib/queries/probes/upsert-probe-rollups')
const { startNotificationSink } = await import('@/lib/testing/notification-sink')
const { buildScenario } = await import('@/lib/testing/metric-scenario')
const { uniqueSlug } = await import('@/lib/testing/seed-team')
const { startSmtpSink } = await import('@/lib/testing/smtp-sink')
const { addNotificationChannel } = await import('@/lib/settings/manage-notification-channels')
const { evaluateBurnAlerts } = await import('@/lib/alerts/evaluate-burn-alerts')
const { evaluateGoals } = await import('@/lib/alerts/evaluate-goals')
const { sendDueDigests } = await import('@/lib/alerts/weekly-digest')

const signingSecret = `whsec-${randomBytes(12).toString('hex')}`
const lookup: LookupAll = async () => [{ address: '127.0.0.1', family: 4 }]
const policy = { allowList: allowListOf(['127.0.0.1']), lookup }
const M = 60_000
// Monday 30 March 2026, 09:00 in Berlin (CEST): the digest of 23-29 March is due
const monday = new Date('2026-03-30T07:00:00Z')
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T12:00:00Z`

let sink: Awaited<ReturnType<typeof startNotificationSink>>
let smtp: Awaited<ReturnType<typeof startSmtpSink>>
let worker: Awaited<ReturnType<typeof startWorker>>
let teamId: number
let serviceId: number

type Message = { kind: string; key: string; title: string; fields: { label: string; value: string }[] }
const messages = () => sink.on('/generic').map((r) => ({ ...(r.json as Message), signatureValid: r.signatureValid }))
async function waitFor(ok: () => boolean, ms = 30_000) {
  const until = Date.now() + ms
  while (Date.now() < until && !ok()) await new Promise((r) => setTimeout(r, 200))
}
const admin: Principal = { kind: 'user', userId: 'admin', email: 'admin@example.com', name: 'Admin', role: 'admin', teamIds: [] }
const who = { actor: { userId: 'admin', email: 'admin@example.com', role: 'admin' }, ip: null, userAgent: null }

beforeAll(async () => {
  sink = await startNotificationSink({ signingSecret })
  smtp = await startSmtpSink()
  // 8 deployments in the digest's week, 2 failed
  const s = await buildScenario(process.env.DATABASE_URL!, Array.from({ length: 8 }, (_, i) => ({
    service: 'api', id: `d${i}`, at: day(23 + (i % 7)), status: (i % 4 === 3 ? 'failure' : 'success') as 'failure' | 'success',
  })))
  teamId = s.caller.teamId
  await pool().query(`UPDATE team SET time_zone = 'Europe/Berlin' WHERE id = $1`, [teamId])
  serviceId = (await pool().query<{ id: number }>('SELECT id FROM service WHERE team_id = $1', [teamId])).rows[0]!.id
  const url = `${sink.origin}/generic`
  await insertChannel({
    teamId, kind: 'webhook', name: uniqueSlug('alerts'), events: ['burn_rate', 'goal', 'digest'], target: urlTarget(url), config: {},
    secretEnc: sealChannelSecret({ url, signingSecret }),
  })
  const base = { team: s.team, events: ['burn_rate', 'goal', 'digest'] as ('burn_rate' | 'goal' | 'digest')[] }
  await addNotificationChannel(admin, who, { ...base, kind: 'slack', name: 'chat', url: `${sink.origin}/slack` }, policy)
  await addNotificationChannel(admin, who, { ...base, kind: 'teams', name: 'teams', url: `${sink.origin}/teams` }, policy)
  await addNotificationChannel(admin, who, {
    ...base, kind: 'email', name: 'mail', host: '127.0.0.1', port: smtp.port, security: 'none', from: 'plimsoll@example.com', to: ['lead@example.com'],
  }, policy)
  worker = await startWorker(process.env.DATABASE_URL!, [notifyDeliverJob({ policy, retryDelaySeconds: 1 })], [notifyPump])
}, 120_000)

afterAll(async () => {
  await worker?.stop()
  await sink?.stop()
  await smtp?.stop()
})

describe('alerts reach a team\'s channel', () => {
  it('sends a burn-rate alert, a goal crossing and the weekly digest, each once and signed', async () => {
    // burn: an hour of clean probe samples, then 5 failing minutes (the page rules hold at once)
    const check = (await pool().query<{ id: number }>(
      `INSERT INTO probe_check (service_id, name, kind, url) VALUES ($1, 'health', 'http', 'http://127.0.0.1:1/') RETURNING id`, [serviceId])).rows[0]!.id
    const hour = Date.parse('2026-03-30T05:00:00Z')
    const fail = Array.from({ length: 60 }, (_, i) => (i >= 60 - 5 ? 1 : 0))
    await upsertProbeRollups([{ checkId: check, hour: new Date(hour), ok: fail.map((f) => 1 - f), fail, latencyMs: Array(60).fill(5) }])
    const burn = await evaluateBurnAlerts(new Date(hour + 60 * M), { serviceIds: [serviceId] })
    expect(burn.map((e) => e.rule)).toEqual(['page_1h', 'page_6h', 'ticket_3d'])

    // goal: CFR <= 20 % was met; the last 30 days' 25 % misses it
    await pool().query(`INSERT INTO goal (team_id, metric, target, last_met) VALUES ($1, 'changeFailureRate', 0.2, true)`, [teamId])
    expect((await evaluateGoals(monday, { teamIds: [teamId] })).map((c) => c.crossing)).toEqual(['missed'])

    expect((await sendDueDigests(monday, { teamIds: [teamId] })).map((d) => d.week.weekStart)).toEqual(['2026-03-30'])
    // a rerun (another worker, a retried job) sends no second digest
    expect(await sendDueDigests(new Date(monday.getTime() + 15 * M), { teamIds: [teamId] })).toEqual([])

    const five = () => messages().length >= 5 && sink.on('/slack').length >= 5 && sink.on('/teams').length >= 5 && smtp.mails.length >= 5
    await waitFor(five)
    // a moment more: a second copy on any channel would arrive now
    await new Promise((r) => setTimeout(r, 1500))
    const got = messages()
    expect(got.every((m) => m.signatureValid)).toBe(true)
    expect(got.map((m) => m.kind).sort()).toEqual(['burn_rate', 'burn_rate', 'burn_rate', 'digest', 'goal'])
    expect(got.find((m) => m.key === `burn-rate:${burn[0]!.alertId}:opened`)!.title).toContain('burns its error budget above 14.4x (page)')
    expect(got.find((m) => m.kind === 'goal')!.title).toContain('Change failure rate goal missed')
    const digest = got.find((m) => m.kind === 'digest')!
    expect(digest.title).toContain('2026-03-23 to 2026-03-29')
    const field = (label: string) => digest.fields.find((f) => f.label === label)?.value
    expect(field('Change failure rate')).toMatch(/^25\.0%/)
    expect(field('Open incidents')).toBe('0')
    expect(field('Error budget left')).toMatch(/of its 99\.9 % budget left/)

    // the same five messages, once each, in Slack's and Teams' formats and by e-mail
    const titles = got.map((m) => m.title).sort()
    for (const path of ['/slack', '/teams']) {
      const bodies = sink.on(path).map((r) => r.body)
      expect(bodies, path).toHaveLength(5)
      for (const title of titles) expect(bodies.filter((b) => b.includes(JSON.stringify(title).slice(1, -1))).length, `${path}: ${title}`).toBe(1)
    }
    expect(sink.on('/teams').every((r) => (r.json as { type?: string }).type === 'message')).toBe(true)
    expect(smtp.mails).toHaveLength(5)
    for (const title of titles) expect(smtp.mails.filter((m) => m.subject.includes(title)).length, `e-mail: ${title}`).toBe(1)
  })
})
