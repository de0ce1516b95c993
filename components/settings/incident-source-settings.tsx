'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { CopyButton } from '@/components/layout/copy-button'
import { SourceFormFields } from '@/components/settings/source-form-fields'
import { SourceCard } from '@/components/settings/source-card'

type Rule = { id: number; match: 'service' | 'tag' | 'label'; key: string; value: string; service: string }
type Attributes = { services: string[]; tags: string[]; labels: Record<string, string[]> }
type Unmapped = { id: string; eventType: string; vendorIncidentId: string; receivedAt: string; attributes: Attributes }
export type IncidentSourceItem = { id: number; team: string; kind: string; name: string; path: string; rules: Rule[]; unmapped: Unmapped[]; canEdit: boolean }
type Option = { slug: string; name: string }
type Created = { id: number; name: string; path: string; token?: string }

const KINDS: Record<string, { label: string; how: string }> = {
  pagerduty: { label: 'PagerDuty', how: 'a V3 webhook subscription; paste the signing secret PagerDuty shows' },
  opsgenie: { label: 'Opsgenie', how: 'a Webhook integration; send the token as the X-Plimsoll-Token header or as the basic-auth password' },
  incident_io: { label: 'incident.io', how: 'a webhook endpoint; paste its whsec_ signing secret' },
  alertmanager: { label: 'Alertmanager', how: 'a webhook_configs receiver with http_config.authorization credentials set to the token' },
}

const describeRule = (r: Rule) => (r.match === 'label' ? `label ${r.key} = ${r.value}` : `${r.match} ${r.value}`)
const attributesText = (a: Attributes) => [
  ...a.services.map((s) => `service ${s}`), ...a.tags.map((t) => `tag ${t}`),
  ...Object.entries(a.labels).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`)),
].join(', ') || 'nothing to match'
const needsSecret = (kind: string) => kind === 'pagerduty' || kind === 'incident_io'

type Props = { sources: IncidentSourceItem[]; teams: Option[]; services: { slug: string; team: string }[]; origin: string }

// The teams' incident tools: where each sends, the rules that map its events to services, and the events no rule mapped.
export function IncidentSourceSettings({ sources, teams, services, origin }: Props) {
  const [form, setForm] = useState({ team: teams[0]?.slug ?? '', kind: 'pagerduty', name: '', secret: '' })
  const [created, setCreated] = useState<Created | null>(null)
  const body = () => ({ team: form.team, kind: form.kind, name: form.name, ...(form.secret ? { secret: form.secret } : {}) })
  const create = useServerMutation(
    () => sendJson<Created>('POST', '/api/settings/incident-sources', body()),
    (c) => { setCreated(c); setForm({ ...form, name: '', secret: '' }) },
  )
  const remove = useServerMutation((id: number) => sendJson('DELETE', `/api/settings/incident-sources/${id}`))
  const confirmRemove = (s: IncidentSourceItem) => {
    if (window.confirm(`Remove ${s.name}? Its webhooks stop being accepted; recorded incidents stay.`)) remove.mutate(s.id)
  }
  return (
    <>
      {sources.length === 0 ? <p className="card empty-state">No incident tool sends here yet.</p> : (
        <div data-testid="incident-sources">
          {sources.map((s) => (
            <SourceCard key={s.id} source={s} label={KINDS[s.kind]?.label ?? s.kind} removing={remove.isPending} onRemove={() => confirmRemove(s)}>
              <p className="small">Webhook URL: <code>{origin}{s.path}</code> <CopyButton text={`${origin}${s.path}`} label="Copy the URL" /></p>
              <SourceRules source={s} services={services.filter((x) => x.team === s.team)} />
              <UnmappedEvents events={s.unmapped} />
            </SourceCard>
          ))}
        </div>
      )}
      <MutationError error={remove.error} />
      {teams.length > 0 ? (
        <form className="filter-bar" aria-label="Connect an incident tool" onSubmit={(e) => { e.preventDefault(); setCreated(null); create.mutate(undefined) }}>
          <SourceFormFields value={form} onChange={setForm} teams={teams} kinds={KINDS} namePlaceholder="on-call" />
          <label>Secret <input name="secret" value={form.secret} onChange={(e) => setForm({ ...form, secret: e.target.value })}
            placeholder={needsSecret(form.kind) ? 'required' : 'leave empty to get a token'} /></label>
          <button type="submit" disabled={create.isPending}>Connect</button>
          <MutationError error={create.error} />
          <p className="muted small">{KINDS[form.kind]?.how}.</p>
        </form>
      ) : null}
      {created ? (
        <div className="card notice" role="status" data-testid="new-incident-source">
          <p>Send <strong>{created.name}</strong>&apos;s webhooks to <code>{origin}{created.path}</code>.</p>
          {created.token ? (
            <><p>Its token (not shown again):</p><pre className="secret">{created.token}</pre><CopyButton text={created.token} label="Copy the token" /></>
          ) : null}
        </div>
      ) : null}
    </>
  )
}

function UnmappedEvents({ events }: { events: Unmapped[] }) {
  if (events.length === 0) return null
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="unmapped-events">
        <caption>Events no rule mapped (kept; add a rule for what they carry)</caption>
        <thead><tr><th>Received</th><th>Event</th><th>Vendor incident</th><th>What a rule can match</th></tr></thead>
        <tbody>{events.map((e) => (
          <tr key={e.id}>
            <td>{e.receivedAt.slice(0, 16).replace('T', ' ')}</td><td>{e.eventType}</td>
            <td><code>{e.vendorIncidentId}</code></td><td>{attributesText(e.attributes)}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  )
}

function SourceRules({ source, services }: { source: IncidentSourceItem; services: { slug: string }[] }) {
  const [rule, setRule] = useState({ match: 'service', key: '', value: '', service: services[0]?.slug ?? '' })
  const body = () => ({ match: rule.match, value: rule.value, service: rule.service, ...(rule.match === 'label' ? { key: rule.key } : {}) })
  const add = useServerMutation(
    () => sendJson('POST', `/api/settings/incident-sources/${source.id}/rules`, body()),
    () => setRule({ ...rule, key: '', value: '' }),
  )
  const remove = useServerMutation((ruleId: number) => sendJson('DELETE', `/api/settings/incident-sources/${source.id}/rules/${ruleId}`))
  return (
    <>
      {source.rules.length === 0 ? <p className="muted small">No rules: every event is kept as unmapped.</p> : (
        <ul data-testid="source-rules">{source.rules.map((r) => (
          <li key={r.id}>{describeRule(r)} → <a href={`/services/${r.service}`}>{r.service}</a>{' '}
            {source.canEdit ? (
              <button type="button" onClick={() => remove.mutate(r.id)} disabled={remove.isPending}
                aria-label={`Remove rule ${describeRule(r)}`}>Remove</button>
            ) : null}
          </li>
        ))}</ul>
      )}
      <MutationError error={remove.error} />
      {source.canEdit && services.length > 0 ? (
        <form className="filter-bar" aria-label={`New rule for ${source.name}`} onSubmit={(e) => { e.preventDefault(); add.mutate(undefined) }}>
          <label>Match <select value={rule.match} onChange={(e) => setRule({ ...rule, match: e.target.value })}>
            <option value="service">vendor service (id or name)</option><option value="tag">tag</option><option value="label">label</option>
          </select></label>
          {rule.match === 'label' ? (
            <label>Label <input required value={rule.key} placeholder="namespace"
              onChange={(e) => setRule({ ...rule, key: e.target.value })} /></label>
          ) : null}
          <label>Value <input required value={rule.value} onChange={(e) => setRule({ ...rule, value: e.target.value })} /></label>
          <label>Service <select value={rule.service} onChange={(e) => setRule({ ...rule, service: e.target.value })}>
            {services.map((s) => <option key={s.slug} value={s.slug}>{s.slug}</option>)}
          </select></label>
          <button type="submit" disabled={add.isPending}>Add rule</button>
          <MutationError error={add.error} />
        </form>
      ) : null}
    </>
  )
}
