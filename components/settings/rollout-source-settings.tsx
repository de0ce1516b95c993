'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { CopyButton } from '@/components/layout/copy-button'
import { SourceFormFields } from '@/components/settings/source-form-fields'
import { SourceCard } from '@/components/settings/source-card'

type RolloutEventItem = { id: string; target: string; eventType: string; state: string; note: string | null; rolloutKey: string | null; receivedAt: string }
export type RolloutSourceItem = { id: number; team: string; kind: string; name: string; path: string; events: RolloutEventItem[]; canEdit: boolean }
type Created = { id: number; kind: string; name: string; path: string; token: string; tokenPath?: string }

const KINDS: Record<string, { label: string; how: string }> = {
  flagger: { label: 'Flagger', how: 'an `event` webhook in the Canary\'s analysis whose url is the address with the token (Flagger sets no headers)' },
  argo_rollouts: {
    label: 'Argo Rollouts', how: 'the webhook service and templates of docs/ci/argo-rollouts-notifications.yaml, the token as its bearer token',
  },
}

type Props = { sources: RolloutSourceItem[]; teams: { slug: string; name: string }[]; origin: string }

// The teams' rollout tools (issue 22): where each sends, and what became of their latest events.
export function RolloutSourceSettings({ sources, teams, origin }: Props) {
  const [form, setForm] = useState({ team: teams[0]?.slug ?? '', kind: 'flagger', name: '' })
  const [created, setCreated] = useState<Created | null>(null)
  const create = useServerMutation(
    () => sendJson<Created>('POST', '/api/settings/rollout-sources', form),
    (c) => { setCreated(c); setForm({ ...form, name: '' }) },
  )
  const remove = useServerMutation((id: number) => sendJson('DELETE', `/api/settings/rollout-sources/${id}`))
  const confirmRemove = (s: RolloutSourceItem) => {
    if (window.confirm(`Remove ${s.name}? Its events stop being accepted; recorded deployments stay.`)) remove.mutate(s.id)
  }
  const address = created ? `${origin}${created.tokenPath ?? created.path}` : ''
  return (
    <>
      {sources.length === 0 ? <p className="card empty-state">No rollout tool sends here yet.</p> : (
        <div data-testid="rollout-sources">
          {sources.map((s) => (
            <SourceCard key={s.id} source={s} label={KINDS[s.kind]?.label ?? s.kind} removing={remove.isPending} onRemove={() => confirmRemove(s)}>
              <p className="small">Webhook URL: <code>{origin}{s.path}{s.kind === 'flagger' ? '/<token>' : ''}</code></p>
              <RolloutEvents events={s.events} />
            </SourceCard>
          ))}
        </div>
      )}
      <MutationError error={remove.error} />
      {teams.length > 0 ? (
        <form className="filter-bar" aria-label="Connect a rollout tool" onSubmit={(e) => { e.preventDefault(); setCreated(null); create.mutate(undefined) }}>
          <SourceFormFields value={form} onChange={setForm} teams={teams} kinds={KINDS} namePlaceholder="prod cluster" />
          <button type="submit" disabled={create.isPending}>Connect</button>
          <MutationError error={create.error} />
          <p className="muted small">{KINDS[form.kind]?.how}.</p>
        </form>
      ) : null}
      {created ? (
        <div className="card notice" role="status" data-testid="new-rollout-source">
          <p>Send <strong>{created.name}</strong>&apos;s events to <code>{address}</code> <CopyButton text={address} label="Copy the URL" /></p>
          <p>Its token (not shown again):</p><pre className="secret">{created.token}</pre><CopyButton text={created.token} label="Copy the token" />
        </div>
      ) : null}
    </>
  )
}

function RolloutEvents({ events }: { events: RolloutEventItem[] }) {
  if (events.length === 0) return <p className="muted small">No events received yet.</p>
  return (
    <div className="table-scroll" tabIndex={0}>
      <table data-testid="rollout-events">
        <caption>Latest events</caption>
        <thead><tr><th>Received</th><th>Target</th><th>Event</th><th>Became</th></tr></thead>
        <tbody>{events.map((e) => (
          <tr key={e.id}>
            <td>{e.receivedAt.slice(0, 16).replace('T', ' ')}</td><td><code>{e.target}</code></td><td>{e.eventType}</td>
            <td>{e.state === 'applied' ? <>deployment <code>{e.rolloutKey}</code></> : 'ignored'}{e.note ? ` (${e.note})` : ''}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  )
}
