import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatSlack } from '@/lib/notify/format-slack'
import { formatTeams } from '@/lib/notify/format-teams'
import { signWebhook, verifyWebhookSignature } from '@/lib/notify/sign-webhook'
import type { Notice } from '@/lib/validation/notifications'

const fixture = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8'))
const notice: Notice = {
  kind: 'incident_resolved', key: 'incident:7:resolved', title: 'checkout failing', summary: 'Resolved after 12 min', severity: 'warning',
  fields: [{ label: 'Service', value: 'checkout' }, { label: 'Deployment', value: '' }], links: [{ label: 'Incident', url: 'https://p.example/i/7' }],
}

// the keys of every object, recursively, with arrays reduced to their items' key sets: the message's shape
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return [...new Set(v.map((x) => JSON.stringify(shape(x))))].map((s) => JSON.parse(s))
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k])]))
  return typeof v
}

describe('chat message formats follow the vendors\' documented examples', () => {
  it('Slack: top-level text and section blocks, as in Slack\'s incoming-webhook example', () => {
    const ours = formatSlack(notice)
    const theirs = fixture('slack-incoming-webhook-blocks.json')
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort())
    expect(new Set(ours.blocks.map((b) => (b as { type: string }).type))).toEqual(new Set(theirs.blocks.map((b: { type: string }) => b.type)))
    // a fields section is shaped as the example's (type mrkdwn, text)
    expect(shape(ours.blocks[1])).toEqual(shape({ type: '', fields: theirs.blocks[2].fields }))
    expect(ours.blocks[1]).toEqual({ type: 'section', fields: [{ type: 'mrkdwn', text: '*Service*\ncheckout' }, { type: 'mrkdwn', text: '*Deployment*\n—' }] })
    expect(ours.blocks[2]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '<https://p.example/i/7|Incident>' } })
  })

  it('Teams: a message with one adaptive card attachment, as in Microsoft\'s example', () => {
    const ours = formatTeams(notice)
    const theirs = fixture('teams-incoming-webhook-adaptive-card.json')
    const { body: _b, actions: _a, ...card } = ours.attachments[0]!.content
    const { body: _tb, ...theirCard } = theirs.attachments[0].content
    expect({ ...ours, attachments: [{ ...ours.attachments[0], content: card }] }).toEqual({ ...theirs, attachments: [{ ...theirs.attachments[0], content: theirCard }] })
    expect(ours.attachments[0]!.content.body).toEqual([
      { type: 'TextBlock', text: 'checkout failing', weight: 'bolder', size: 'medium', color: 'warning', wrap: true },
      { type: 'TextBlock', text: 'Resolved after 12 min', wrap: true },
      { type: 'FactSet', facts: [{ title: 'Service', value: 'checkout' }, { title: 'Deployment', value: '—' }] },
    ])
    expect(ours.attachments[0]!.content.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Incident', url: 'https://p.example/i/7' }])
  })
})

describe('generic webhook signature', () => {
  const body = '{"kind":"test"}'
  it('is HMAC-SHA256 over "<t>.<body>", hex, and a receiver verifies it within its window', () => {
    // echo -n '1700000000.{"kind":"test"}' | openssl dgst -sha256 -hmac secret-0123456789
    expect(signWebhook('secret-0123456789', body, 1_700_000_000)).toBe('t=1700000000,v1=48e0492ff52237c2b8944649da31980245a121739c57b3a4bde5c9be97e32d68')
    const header = signWebhook('secret-0123456789', body, 1_700_000_000)
    expect(verifyWebhookSignature('secret-0123456789', body, header, 1_700_000_100)).toBe(true)
  })
  it.each([
    ['another secret', 'other-secret-000', body, 1_700_000_000],
    ['another body', 'secret-0123456789', '{"kind":"goal"}', 1_700_000_000],
    ['a replay after the window', 'secret-0123456789', body, 1_700_000_301],
  ])('refuses %s', (_what, secret, b, now) => {
    expect(verifyWebhookSignature(secret, b, signWebhook('secret-0123456789', body, 1_700_000_000), now)).toBe(false)
  })
})
