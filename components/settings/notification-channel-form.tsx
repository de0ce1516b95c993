'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { CopyButton } from '@/components/layout/copy-button'
import { SourceFormFields } from '@/components/settings/source-form-fields'

export const CHANNEL_KINDS: Record<string, { label: string }> = {
  slack: { label: 'Slack' }, teams: { label: 'Microsoft Teams' }, email: { label: 'E-mail (SMTP)' }, webhook: { label: 'Webhook (signed JSON)' },
}
export const EVENT_LABELS: Record<string, string> = {
  incident_opened: 'Incident opened', incident_resolved: 'Incident resolved', burn_rate: 'Burn rate', goal: 'Goal crossed',
  digest: 'Weekly digest', report: 'Quarterly report',
}
type Created = { id: number; name: string; secret?: string }
const EMPTY = { url: '', host: '', port: '587', security: 'starttls', username: '', password: '', from: '', to: '' }

// A new channel of a team: where (a webhook URL, or an SMTP server and addresses) and which kinds it receives.
export function NotificationChannelForm({ teams }: { teams: { slug: string; name: string }[] }) {
  const [form, setForm] = useState({ team: teams[0]?.slug ?? '', kind: 'slack', name: '', ...EMPTY })
  const [events, setEvents] = useState<string[]>(Object.keys(EVENT_LABELS))
  const [created, setCreated] = useState<Created | null>(null)
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value })
  const body = () => {
    const base = { team: form.team, kind: form.kind, name: form.name, events }
    if (form.kind !== 'email') return { ...base, url: form.url }
    const to = form.to.split(/[\s,]+/).filter(Boolean)
    return { ...base, host: form.host, port: Number(form.port), security: form.security, from: form.from, to,
      ...(form.username ? { username: form.username, password: form.password } : {}) }
  }
  const create = useServerMutation(() => sendJson<Created>('POST', '/api/settings/notification-channels', body()),
    (c) => { setCreated(c); setForm({ ...form, name: '', ...EMPTY }) })
  return (
    <>
      <form className="filter-bar" aria-label="Add a notification channel" onSubmit={(e) => { e.preventDefault(); setCreated(null); create.mutate(undefined) }}>
        <SourceFormFields value={form} onChange={setForm} teams={teams} kinds={CHANNEL_KINDS} namePlaceholder="on-call" />
        {form.kind === 'email' ? (
          <>
            <label>SMTP host <input required value={form.host} onChange={set('host')} /></label>
            <label>Port <input type="number" value={form.port} onChange={set('port')} /></label>
            <label>Security <select value={form.security} onChange={set('security')}>
              <option value="starttls">STARTTLS</option><option value="tls">TLS</option><option value="none">none (allow-listed relays)</option>
            </select></label>
            <label>User <input value={form.username} onChange={set('username')} autoComplete="off" /></label>
            <label>Password <input type="password" value={form.password} onChange={set('password')} autoComplete="new-password" /></label>
            <label>From <input required value={form.from} onChange={set('from')} /></label>
            <label>To <input required value={form.to} onChange={set('to')} placeholder="a@example.com, b@example.com" /></label>
          </>
        ) : <label>Webhook URL <input required value={form.url} onChange={set('url')} placeholder="https://" /></label>}
        <fieldset><legend>Sends</legend>{Object.entries(EVENT_LABELS).map(([k, label]) => (
          <label key={k}><input type="checkbox" checked={events.includes(k)}
            onChange={(e) => setEvents(e.target.checked ? [...events, k] : events.filter((x) => x !== k))} /> {label}</label>
        ))}</fieldset>
        <button type="submit" disabled={create.isPending}>Add channel</button>
        <MutationError error={create.error} />
      </form>
      {created?.secret ? (
        <div className="card notice" role="status" data-testid="new-channel-secret">
          <p>Signing secret of <strong>{created.name}</strong> (not shown again; see docs/notifications.md):</p>
          <pre className="secret">{created.secret}</pre><CopyButton text={created.secret} label="Copy the secret" />
        </div>
      ) : null}
    </>
  )
}
