'use client'

// The team, tool and name of a new webhook source (incident tools and rollout tools alike).
type Value = { team: string; kind: string; name: string }
type Props<V extends Value> = {
  value: V; onChange: (next: V) => void; teams: { slug: string; name: string }[]; kinds: Record<string, { label: string }>; namePlaceholder: string
}

export function SourceFormFields<V extends Value>({ value, onChange, teams, kinds, namePlaceholder }: Props<V>) {
  return (
    <>
      <label>Team <select value={value.team} onChange={(e) => onChange({ ...value, team: e.target.value })}>
        {teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
      </select></label>
      <label>Tool <select name="kind" value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value })}>
        {Object.entries(kinds).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
      </select></label>
      <label>Name <input name="name" required value={value.name} placeholder={namePlaceholder}
        onChange={(e) => onChange({ ...value, name: e.target.value })} /></label>
    </>
  )
}
