'use client'

import { useState } from 'react'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'

// Admins: a new team (slug and name), and renaming one (the slug stays: it is in URLs and pipelines).
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

export function RenameTeam({ slug, name }: { slug: string; name: string }) {
  const [value, setValue] = useState(name)
  const rename = useServerMutation((next: string) => sendJson('PATCH', `/api/settings/teams/${slug}`, { name: next }))
  return (
    <details>
      <summary>Rename</summary>
      <form className="filter-bar" aria-label={`Rename team ${slug}`} onSubmit={(e) => { e.preventDefault(); rename.mutate(value) }}>
        <label>New name <input name="name" required value={value} onChange={(e) => setValue(e.target.value)} /></label>
        <button type="submit" disabled={rename.isPending}>Save</button>
        <MutationError error={rename.error} />
      </form>
    </details>
  )
}
