import type { Notice } from '@/lib/validation/notifications'

const ICON = { critical: ':red_circle:', warning: ':large_orange_circle:', info: ':large_blue_circle:' } as const

// Slack's mrkdwn treats &, < and > as control characters (links are <url|label>): escape them in our text.
export const slackEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

// The body of a POST to a Slack incoming webhook, in the shape of Slack's own example
// (lib/notify/fixtures/slack-incoming-webhook-blocks.json): `text` for notifications and `section` blocks.
export function formatSlack(n: Notice) {
  const link = (l: { label: string; url: string }) => `<${l.url}|${slackEscape(l.label)}>`
  const blocks: object[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${ICON[n.severity]} *${slackEscape(n.title)}*${n.summary ? `\n${slackEscape(n.summary)}` : ''}` } },
  ]
  // Slack takes at most 10 fields per section
  for (let i = 0; i < n.fields.length; i += 10) {
    blocks.push({ type: 'section', fields: n.fields.slice(i, i + 10).map((f) => ({ type: 'mrkdwn', text: `*${slackEscape(f.label)}*\n${slackEscape(f.value) || '—'}` })) })
  }
  if (n.links.length > 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: n.links.map(link).join('  ·  ') } })
  return { text: `${n.title}${n.summary ? `: ${n.summary}` : ''}`.slice(0, 3000), blocks }
}
