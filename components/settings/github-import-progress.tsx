'use client'

import { useQuery } from '@tanstack/react-query'
import { githubImportsDto, type GithubImports } from '@/lib/validation/github-imports'
import { formatDateTime } from '@/lib/format/format-time'

const REFRESH_MS = 2_000
const IDLE_REFRESH_MS = 15_000
// an import whose progress has not moved for this long was stopped (a crash, Ctrl-C): the next run resumes it
const STALLED_MS = 120_000

async function fetchImports(): Promise<GithubImports> {
  const res = await fetch('/api/dashboard/github-imports', { cache: 'no-store' })
  if (!res.ok) throw new Error(`the server answered ${res.status}`)
  return githubImportsDto.parse(await res.json())
}

function state(i: GithubImports['imports'][number], asOf: Date, tz: string): string {
  if (i.finishedAt) return `finished ${formatDateTime(i.finishedAt, tz)} ${tz}`
  return asOf.getTime() - i.updatedAt.getTime() > STALLED_MS ? 'stopped: the next run resumes it' : 'running'
}

// The server renders one connection's imports (an organisation's: each repository's); every list on the
// page shares one query, refreshed every 2 s while an import runs (else every 15 s). backfillTarget:
// what `backfill` takes for this connection (an organisation's login, else <owner/repo>).
export function GithubImportProgress({ initial, connection, backfillTarget, tz }: {
  initial: GithubImports; connection: string; backfillTarget: string; tz: string
}) {
  const imports = useQuery({
    queryKey: ['github-imports'],
    queryFn: fetchImports,
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.imports.some((i) => !i.finishedAt) ? REFRESH_MS : IDLE_REFRESH_MS),
  })
  const { asOf } = imports.data
  const rows = imports.data.imports.filter((i) => i.connection === connection)
  if (rows.length === 0) return <p className="muted">No history imported yet: <code>npm run github -- backfill {backfillTarget} --connection {connection}</code>.</p>
  return (
    <ul data-testid="github-imports" style={{ listStyle: 'none', padding: 0 }}>
      {rows.map((i) => (
        <li key={`${i.connection}/${i.fullName}`} data-repository={i.fullName}>
          <strong>{i.fullName}</strong>
          <progress value={i.done} max={Math.max(i.total, 1)} aria-label={`${i.fullName} import`} style={{ width: '12rem', margin: '0 0.5rem', verticalAlign: 'middle' }} />
          <span data-testid="import-counts">{i.done.toLocaleString('en')} / {i.total.toLocaleString('en')} items</span>
          {i.rate !== null && <span> · {i.rate.toFixed(1)}/s</span>}
          {i.rateRemaining !== null && <span> · API quota left {i.rateRemaining.toLocaleString('en')}</span>}
          <span className="muted" data-testid="import-state"> · {state(i, asOf, tz)}</span>
        </li>
      ))}
      {imports.isError && <li className="error-state" role="alert">Could not refresh ({imports.error.message}).</li>}
    </ul>
  )
}
