'use client'

import { useEffect, useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { listTimeZones } from '@/lib/time/time-zone'

// Admins: a new team (slug and name).
export function NewTeamForm() {
  const [slug, setSlug] = useState('')
  const [name, setName] = useState('')
  const create = useServerMutation((body: { slug: string; name: string }) => sendJson('POST', '/api/settings/teams', body), () => { setSlug(''); setName('') })
  return (
    <form className="filter-bar" aria-label="New team" onSubmit={(e) => { e.preventDefault(); create.mutate({ slug, name }) }}>
      <label>Slug <input name="slug" required value={slug} onChange={(e) => setSlug(e.target.value)} placeholder="payments" /></label>
      <label>Name <input name="name" required value={name} onChange={(e) => setName(e.target.value)} placeholder="Payments" /></label>
      <button type="submit" disabled={create.isPending}>Create team</button>
      <MutationError error={create.error} />
    </form>
  )
}

// The IANA zones every team's time-zone field offers, once on the page (not a list per team: a settings page with
// many teams would carry hundreds of options per row). From the browser's Intl after hydration, as the filter bar does.
export const TEAM_ZONES_LIST = 'team-time-zones'
export function TeamZoneList() {
  const [zones, setZones] = useState<string[]>([])
  useEffect(() => setZones(listTimeZones()), [])
  return <datalist id={TEAM_ZONES_LIST}>{zones.map((z) => <option key={z} value={z} />)}</datalist>
}

// Renaming a team (the slug stays: it is in URLs and pipelines) and its time zone, in which its weekly digest goes
// out on Monday at 09:00 (docs/notifications.md); the zone is checked by the server against the IANA list.
export function EditTeam({ slug, name, timeZone }: { slug: string; name: string; timeZone: string }) {
  const [value, setValue] = useState({ name, timeZone })
  const save = useServerMutation((next: { name: string; timeZone: string }) => sendJson('PATCH', `/api/settings/teams/${slug}`, next))
  return (
    <details>
      <summary>Edit</summary>
      <form className="filter-bar" aria-label={`Edit team ${slug}`} onSubmit={(e) => { e.preventDefault(); save.mutate(value) }}>
        <label>Name <input name="name" required value={value.name} onChange={(e) => setValue({ ...value, name: e.target.value })} /></label>
        <label>Time zone
          <input name="timeZone" required list={TEAM_ZONES_LIST} value={value.timeZone} autoComplete="off" spellCheck={false}
            onChange={(e) => setValue({ ...value, timeZone: e.target.value })} />
        </label>
        <button type="submit" disabled={save.isPending}>Save</button>
        <MutationError error={save.error} />
      </form>
    </details>
  )
}
