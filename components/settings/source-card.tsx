import type { ReactNode } from 'react'

// One webhook source (an incident tool or a rollout tool) of a team: its name, tool and team, what the
// caller passes as children, and a remove button for those who may remove it.
type Props = { source: { name: string; team: string; canEdit: boolean }; label: string; removing: boolean; onRemove: () => void; children: ReactNode }

export function SourceCard({ source, label, removing, onRemove, children }: Props) {
  return (
    <section className="card" aria-label={`${label} source ${source.name}`}>
      <h3>{source.name} <span className="muted small">{label}, team {source.team}</span></h3>
      {children}
      {source.canEdit ? <button type="button" disabled={removing} onClick={onRemove}>Remove source</button> : null}
    </section>
  )
}
