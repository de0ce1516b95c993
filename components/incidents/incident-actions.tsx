'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'

export type CauseOption = { id: number; label: string }
type Props = { incidentId: number; resolved: boolean; outage: boolean; causeId: number | null; linkedByHand: boolean; candidates: CauseOption[] }
type Change = { resolvedAt?: string | null; outage?: boolean; causeDeploymentId?: number | null }

// Resolve or reopen, mark as outage, link the deployment that caused it (or unlink a hand-made link):
// shown to admins and the service's team's maintainers; the metrics follow on the next load.
export function IncidentActions({ incidentId, resolved, outage, causeId, linkedByHand, candidates }: Props) {
  const change = useServerMutation((body: Change) => sendJson('PATCH', `/api/dashboard/incidents/${incidentId}`, body))
  const [cause, setCause] = useState(String(causeId ?? candidates[0]?.id ?? ''))
  return (
    <section className="card" aria-labelledby="incident-actions" data-testid="incident-actions">
      <h2 id="incident-actions">Change this incident</h2>
      <div className="filter-bar">
        <button type="button" disabled={change.isPending} onClick={() => change.mutate({ resolvedAt: resolved ? null : new Date().toISOString() })}>
          {resolved ? 'Reopen' : 'Resolve now'}
        </button>
        <button type="button" disabled={change.isPending} onClick={() => change.mutate({ outage: !outage })}>
          {outage ? 'Not an outage' : 'Mark as outage'}
        </button>
      </div>
      {candidates.length > 0 ? (
        <form className="filter-bar" aria-label="Link the deployment that caused it" onSubmit={(e) => { e.preventDefault(); change.mutate({ causeDeploymentId: Number(cause) }) }}>
          <label>Caused by deployment
            <select name="causeDeploymentId" value={cause} onChange={(e) => setCause(e.target.value)}>
              {candidates.map((c) => <option key={c.id} value={c.id}>{c.label}</option>)}
            </select>
          </label>
          <button type="submit" disabled={change.isPending}>Link</button>
          {linkedByHand ? <button type="button" disabled={change.isPending} onClick={() => change.mutate({ causeDeploymentId: null })}>Unlink</button> : null}
        </form>
      ) : <p className="muted small">No finished deployment of this service before the incident opened to link.</p>}
      <MutationError error={change.error} />
    </section>
  )
}
