'use client'

import { useState } from 'react'
import { CopyButton } from '@/components/layout/copy-button'
import { sendJson, useServerMutation } from '@/components/hooks/use-server-mutation'
import { MutationError } from '@/components/layout/mutation-status'
import { TOKEN_SCOPES, type TokenScope } from '@/lib/auth/token-scopes'
import { formatDateTime } from '@/lib/format/format-time'

type TeamOption = { slug: string; name: string }
export type TokenListItem = {
  id: number; team: string; name: string; prefix: string; scopes: string[]; createdAt: string
  lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null; creatorEmail: string | null
}
type Created = { id: number; team: string; name: string; token: string }

// times in tz, the reader's zone
const date = (iso: string | null, tz: string) => (iso ? formatDateTime(new Date(iso), tz) : '—')
const SCOPE_HELP: Record<TokenScope, string> = { ingest: 'send deployments, incidents, scans, probes', read: 'read metrics and lists', reports: 'quarterly reports' }

function state(t: TokenListItem, now: number, tz: string): string {
  if (t.revokedAt) return `revoked ${date(t.revokedAt, tz)}`
  if (t.expiresAt && Date.parse(t.expiresAt) <= now) return `expired ${date(t.expiresAt, tz)}`
  return 'active'
}

// Create (the secret is shown here once, with a copy button), list and revoke the tokens of the teams
// the person maintains; `teams` empty = read only.
export function TokenSettings({ tokens, teams, now, tz }: { tokens: TokenListItem[]; teams: TeamOption[]; now: number; tz: string }) {
  const [form, setForm] = useState({ team: teams[0]?.slug ?? '', name: '', expires: '' })
  const [scopes, setScopes] = useState<TokenScope[]>(['ingest'])
  const [created, setCreated] = useState<Created | null>(null)
  const create = useServerMutation(
    () => sendJson<Created>('POST', '/api/settings/tokens', {
      team: form.team, name: form.name, scopes, expiresAt: form.expires ? `${form.expires}T23:59:59Z` : null,
    }),
    (token) => { setCreated(token); setForm({ ...form, name: '', expires: '' }) },
  )
  const revoke = useServerMutation((id: number) => sendJson('DELETE', `/api/settings/tokens/${id}`))
  const canWrite = new Set(teams.map((t) => t.slug))
  const toggle = (s: TokenScope) => setScopes(scopes.includes(s) ? scopes.filter((x) => x !== s) : [...scopes, s])
  return (
    <>
      {teams.length > 0 ? (
        <form className="filter-bar" aria-label="New API token" data-testid="token-form" onSubmit={(e) => { e.preventDefault(); setCreated(null); create.mutate(undefined) }}>
          <label>Team <select name="team" value={form.team} onChange={(e) => setForm({ ...form, team: e.target.value })}>{teams.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}</select></label>
          <label>Name <input name="name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} placeholder="deploy pipeline" /></label>
          <fieldset className="scope-choice">
            <legend>Scopes</legend>
            {TOKEN_SCOPES.map((s) => <label key={s} title={SCOPE_HELP[s]}><input type="checkbox" name="scopes" value={s} checked={scopes.includes(s)} onChange={() => toggle(s)} /> {s}</label>)}
          </fieldset>
          <label>Expires (optional) <input name="expires" type="date" value={form.expires} onChange={(e) => setForm({ ...form, expires: e.target.value })} /></label>
          <button type="submit" disabled={create.isPending}>Create token</button>
          <MutationError error={create.error} />
        </form>
      ) : null}
      {created ? (
        <div className="card notice" role="status" data-testid="new-token">
          <p>Token <strong>{created.name}</strong> for team {created.team}. Copy it now: it is not shown again.</p>
          <pre className="secret">{created.token}</pre>
          <CopyButton text={created.token} label="Copy the token" />
        </div>
      ) : null}
      {tokens.length === 0 ? <p className="card empty-state">No tokens yet.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="settings-tokens">
            <thead><tr><th scope="col">Id</th><th scope="col">Team</th><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Scopes</th><th scope="col">Created ({tz})</th><th scope="col">Last used</th><th scope="col">Expires</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.id}</td><td>{t.team}</td><td>{t.name}</td><td><code>{t.prefix}…</code></td><td>{t.scopes.join(', ')}</td>
                  <td>{date(t.createdAt, tz)}{t.creatorEmail ? <span className="muted small"> by {t.creatorEmail}</span> : null}</td>
                  <td>{date(t.lastUsedAt, tz)}</td><td>{t.expiresAt ? date(t.expiresAt, tz) : 'never'}</td><td>{state(t, now, tz)}</td>
                  <td>{!t.revokedAt && canWrite.has(t.team) ? (
                    <button type="button" disabled={revoke.isPending} onClick={() => { if (window.confirm(`Revoke token ${t.name} (${t.prefix}…)? Pipelines using it stop working.`)) revoke.mutate(t.id) }}>Revoke</button>
                  ) : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MutationError error={revoke.error} />
    </>
  )
}
