'use client'

import { useState } from 'react'
import { useRouter } from 'next/navigation'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { parseServiceChoice, serviceChoice, sharedSlugs, type ServiceOption } from '@/lib/dashboard/service-ref'

type Created = { id: number }

// Open an incident by hand (now, or earlier for one noticed late) for a service of a team the person
// maintains; its page opens next.
export function NewIncidentForm({ services }: { services: ServiceOption[] }) {
  const router = useRouter()
  const shared = sharedSlugs(services)
  const choices = services.map((s) => serviceChoice(s, shared))
  const [form, setForm] = useState({ service: choices[0]?.value ?? '', title: '', severity: '', outage: false, openedAt: '' })
  const create = useServerMutation(
    () => sendJson<Created>('POST', '/api/dashboard/incidents', {
      ...parseServiceChoice(form.service), title: form.title, severity: form.severity || undefined, outage: form.outage,
      // datetime-local is the browser's wall-clock time: Date reads it in the browser's zone
      openedAt: form.openedAt ? new Date(form.openedAt).toISOString() : undefined,
    }),
    (created) => router.push(`/incidents/${created.id}`),
  )
  return (
    <details className="card">
      <summary>Open an incident</summary>
      <form className="filter-bar" aria-label="Open an incident" onSubmit={(e) => { e.preventDefault(); create.mutate(undefined) }}>
        <label>Service
          <select name="service" value={form.service} onChange={(e) => setForm({ ...form, service: e.target.value })}>
            {choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
          </select>
        </label>
        <label>Title <input name="title" required value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
        <label>Severity
          <select name="severity" value={form.severity} onChange={(e) => setForm({ ...form, severity: e.target.value })}>
            <option value="">Not set</option><option>critical</option><option>high</option><option>medium</option><option>low</option>
          </select>
        </label>
        <label>Opened (your time; empty: now) <input type="datetime-local" name="openedAt" value={form.openedAt} onChange={(e) => setForm({ ...form, openedAt: e.target.value })} /></label>
        <label><span>Outage</span><input type="checkbox" name="outage" checked={form.outage} onChange={(e) => setForm({ ...form, outage: e.target.checked })} /></label>
        <button type="submit" disabled={create.isPending}>Open incident</button>
        <MutationError error={create.error} />
      </form>
    </details>
  )
}
