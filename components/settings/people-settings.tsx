'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { formatDateTime } from '@/lib/format/format-time'

type Role = 'admin' | 'maintainer' | 'viewer'
type TeamOption = { id: number; slug: string; name: string }
export type PersonItem = { userId: string; email: string; name: string; role: Role; teamIds: number[]; signInMethods: string[]; lastSignInAt: string | null }

const ROLES: Role[] = ['admin', 'maintainer', 'viewer']
const METHOD: Record<string, string> = { credential: 'password', github: 'GitHub' }

function TeamChoice({ teams, chosen, onChange, legend }: { teams: TeamOption[]; chosen: string[]; onChange: (slugs: string[]) => void; legend: string }) {
  if (teams.length === 0) return null
  return (
    <fieldset>
      <legend>{legend}</legend>
      {teams.map((t) => (
        <label key={t.slug}><input type="checkbox" name="teams" value={t.slug} checked={chosen.includes(t.slug)}
          onChange={() => onChange(chosen.includes(t.slug) ? chosen.filter((s) => s !== t.slug) : [...chosen, t.slug])} /> {t.name}</label>
      ))}
    </fieldset>
  )
}

function EditPerson({ person, teams }: { person: PersonItem; teams: TeamOption[] }) {
  const [role, setRole] = useState<Role>(person.role)
  const [chosen, setChosen] = useState(teams.filter((t) => person.teamIds.includes(t.id)).map((t) => t.slug))
  const save = useServerMutation(() => sendJson('PATCH', `/api/settings/people/${person.userId}`, { role, teams: chosen }))
  return (
    <details>
      <summary>Change</summary>
      <form className="filter-bar" aria-label={`Role and teams of ${person.email}`} onSubmit={(e) => { e.preventDefault(); save.mutate(undefined) }}>
        <label>Role <select name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
        <TeamChoice teams={teams} chosen={chosen} onChange={setChosen} legend="Teams" />
        <button type="submit" disabled={save.isPending}>Save</button>
        <MutationError error={save.error} />
      </form>
      <RemovePerson person={person} />
    </details>
  )
}

// Removing ends every session of theirs at once (the server refuses to remove the last admin).
function RemovePerson({ person }: { person: PersonItem }) {
  const remove = useServerMutation(() => sendJson('DELETE', `/api/settings/people/${person.userId}`))
  const confirmed = () => window.confirm(`Remove ${person.email}? They are signed out everywhere at once and can no longer sign in.`)
  return (
    <p>
      <button type="button" className="secondary" disabled={remove.isPending} onClick={() => { if (confirmed()) remove.mutate(undefined) }}>
        Remove {person.email}
      </button>
      <MutationError error={remove.error} />
    </p>
  )
}

// Admins: who may sign in, with which role and teams; a new person with an optional first password
// (without one they sign in with GitHub or OIDC under the same email).
export function PeopleSettings({ people, teams, tz }: { people: PersonItem[]; teams: TeamOption[]; tz: string }) {
  const empty = { email: '', name: '', role: 'viewer' as Role, password: '' }
  const [form, setForm] = useState(empty)
  const [chosen, setChosen] = useState<string[]>([])
  const add = useServerMutation(
    () => sendJson('POST', '/api/settings/people', { ...form, teams: chosen, password: form.password || undefined }),
    () => { setForm(empty); setChosen([]) },
  )
  const teamNames = (ids: number[]) => teams.filter((t) => ids.includes(t.id)).map((t) => t.name).join(', ') || '—'
  return (
    <>
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="settings-people">
          <thead><tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Teams</th><th scope="col">Signs in with</th><th scope="col">Last sign-in ({tz})</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.userId}>
                <td>{p.name} <span className="muted small">{p.email}</span></td><td>{p.role}</td><td>{teamNames(p.teamIds)}</td>
                <td>{p.signInMethods.map((m) => METHOD[m] ?? m).join(', ') || 'GitHub or OIDC (not yet)'}</td>
                <td>{p.lastSignInAt ? formatDateTime(new Date(p.lastSignInAt), tz) : 'never'}</td>
                <td><EditPerson person={p} teams={teams} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="filter-bar" aria-label="Add a person" onSubmit={(e) => { e.preventDefault(); add.mutate(undefined) }}>
        <label>Email <input name="email" type="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} /></label>
        <label>Name <input name="name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} /></label>
        <label>Role <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select></label>
        <TeamChoice teams={teams} chosen={chosen} onChange={setChosen} legend="Teams" />
        <label>First password (optional) <input name="password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} /></label>
        <button type="submit" disabled={add.isPending}>Add person</button>
        <MutationError error={add.error} />
      </form>
    </>
  )
}
