import type { Notice } from '@/lib/validation/notifications'

const COLOR = { critical: 'attention', warning: 'warning', info: 'accent' } as const

// The body of a POST to a Microsoft Teams incoming webhook, in the shape of Microsoft's example
// (lib/notify/fixtures/teams-incoming-webhook-adaptive-card.json): a `message` whose attachment is an
// Adaptive Card 1.2 (TextBlocks, a FactSet for the fields, Action.OpenUrl for the links).
export function formatTeams(n: Notice) {
  const body: object[] = [{ type: 'TextBlock', text: n.title, weight: 'bolder', size: 'medium', color: COLOR[n.severity], wrap: true }]
  if (n.summary) body.push({ type: 'TextBlock', text: n.summary, wrap: true })
  if (n.fields.length > 0) body.push({ type: 'FactSet', facts: n.fields.map((f) => ({ title: f.label, value: f.value || '—' })) })
  const content: Record<string, unknown> = { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.2', body }
  if (n.links.length > 0) content.actions = n.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url }))
  return { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }] }
}
