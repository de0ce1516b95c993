'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'

export type OutboundAllowItem = { id: number; entry: string; note: string; createdAt: string }

// Admins: the internal hosts and address ranges checks may reach (everything else internal is refused).
export function OutboundAllowSettings({ entries }: { entries: OutboundAllowItem[] }) {
  const [form, setForm] = useState({ entry: '', note: '' })
  const add = useServerMutation(() => sendJson('POST', '/api/settings/outbound-allow', form), () => setForm({ entry: '', note: '' }))
  const remove = useServerMutation((id: number) => sendJson('DELETE', `/api/settings/outbound-allow/${id}`))
  return (
    <>
      {entries.length === 0 ? (
        <p className="card empty-state">Nothing allowed: checks reach public addresses only.</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="outbound-allow">
            <thead><tr><th>Host or range</th><th>Why</th><th>Added</th><th><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td><code>{e.entry}</code></td><td>{e.note || '—'}</td><td>{e.createdAt.slice(0, 10)}</td>
                  <td><button type="button" onClick={() => remove.mutate(e.id)} disabled={remove.isPending} aria-label={`Remove ${e.entry}`}>Remove</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MutationError error={remove.error} />
      <form className="filter-bar" aria-label="Allow an internal target" onSubmit={(e) => { e.preventDefault(); add.mutate(undefined) }}>
        <label>Host or range <input name="entry" required value={form.entry} onChange={(e) => setForm({ ...form, entry: e.target.value })} placeholder="status.corp.example or 10.20.0.0/16" /></label>
        <label>Why <input name="note" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} placeholder="internal status page" /></label>
        <button type="submit" disabled={add.isPending}>Allow</button>
        <MutationError error={add.error} />
      </form>
    </>
  )
}
