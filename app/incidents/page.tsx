import { FoldedOnPhone } from '@/components/layout/folded-on-phone'
import { AutoFilterForm } from '@/components/layout/auto-filter-form'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'
import type { Metadata } from 'next'
import '@/components/availability/availability.css'
import '@/components/settings/settings.css'
import { canMaintainTeam, readableTeamIds } from '@/lib/auth/access'
import { requirePageUser } from '@/lib/auth/page-user'
import { NewIncidentForm } from '@/components/incidents/new-incident-form'
import { InvalidFilters } from '@/components/metrics/invalid-filters'
import { decodeTimeIdCursor, encodeCursor } from '@/lib/http/cursor'
import { AppError } from '@/lib/http/app-error'
import { formatDuration } from '@/lib/format/format-metric'
import { formatDateTime } from '@/lib/format/format-time'
import { pageTimeZone } from '@/lib/time/browser-time-zone'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listIncidents } from '@/lib/queries/list-incidents'
import { incidentPageQuery } from '@/lib/validation/incidents'
import { zodFieldErrors } from '@/lib/validation/zod-fields'

export const metadata: Metadata = { title: 'Incidents' }

export const dynamic = 'force-dynamic'

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> }
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined
const PAGE = 50

// The incidents of the teams the reader may read (every team's, unless team-only), newest opened first,
// filtered in the URL. Admins and maintainers open incidents by hand here (for their teams' services);
// each incident's page resolves, links and marks.
export default async function IncidentsPage({ searchParams }: Props) {
  const raw = await searchParams
  const keys = ['service', 'environment', 'state', 'source', 'outage', 'cursor'] as const
  const tzParam = one(raw.tz)
  const parsed = incidentPageQuery.safeParse(Object.fromEntries(keys.map((k) => [k, one(raw[k])])))
  if (!parsed.success) return <InvalidFilters title="Incidents" errors={zodFieldErrors(parsed.error)} reset="/incidents" />
  const q = parsed.data
  const tz = await pageTimeZone(raw)
  let after: { openedAt: Date; id: number } | undefined
  try {
    const key = q.cursor ? decodeTimeIdCursor(q.cursor) : undefined
    after = key ? { openedAt: key.time!, id: key.id } : undefined
  } catch (err) {
    if (err instanceof AppError && err.fields) return <InvalidFilters title="Incidents" errors={err.fields} reset="/incidents" />
    throw err
  }
  const user = await requirePageUser()
  const readable = readableTeamIds(user)
  const [rows, options] = await Promise.all([listIncidents({ ...q, teams: readable, after, limit: PAGE }), listFilterOptions(readable)])
  const writable = new Set(options.teams.filter((t) => canMaintainTeam(user, t.id)).map((t) => t.slug))
  const ownServices = options.services.filter((s) => writable.has(s.team))
  const now = Date.now()
  const last = rows.length === PAGE ? rows[rows.length - 1] : undefined
  const next = last ? `/incidents?${new URLSearchParams({ ...Object.fromEntries([...keys, 'tz'].flatMap((k) => (one(raw[k]) && k !== 'cursor' ? [[k, one(raw[k])!]] : []))), cursor: encodeCursor([last.openedAt.toISOString(), last.id]) })}` : null
  return (
    <>
      <h1>Incidents</h1>
      <ZoneGuessed tz={tz} fromUrl={tz === tzParam} />
      <FoldedOnPhone summary="Filters">
        <AutoFilterForm action="/incidents" label="Filters">
          <label>Service
            <select name="service" defaultValue={q.service ?? ''}>
              <option value="">All services</option>
              {options.services.map((s) => <option key={s.slug} value={s.slug}>{s.name}</option>)}
            </select>
          </label>
          <label>Environment
            <select name="environment" defaultValue={q.environment ?? ''}>
              <option value="">Any</option>
              {options.environments.map((e) => <option key={e.name} value={e.name}>{e.name}</option>)}
            </select>
          </label>
          <label>State
            <select name="state" defaultValue={q.state ?? ''}><option value="">Open and resolved</option><option value="open">Open</option><option value="resolved">Resolved</option></select>
          </label>
          <label>Source
            <select name="source" defaultValue={q.source ?? ''}><option value="">Any</option><option value="api">API</option><option value="github">GitHub</option><option value="gitlab">GitLab</option><option value="pagerduty">PagerDuty</option><option value="opsgenie">Opsgenie</option><option value="incident_io">incident.io</option><option value="alertmanager">Alertmanager</option><option value="probe">Probe</option><option value="manual">By hand</option><option value="demo">Demo</option></select>
          </label>
          <label>Outage
            <select name="outage" defaultValue={q.outage === undefined ? '' : String(q.outage)}><option value="">Any</option><option value="true">Outages</option><option value="false">Not outages</option></select>
          </label>
          {tzParam && <input type="hidden" name="tz" value={tzParam} />}
        </AutoFilterForm>
      </FoldedOnPhone>
      <p className="muted small card notice">Incidents come from the API (<code>POST /api/v1/incidents</code>), GitHub issues and probes, or are opened here by admins and the service's team's maintainers.</p>
      {ownServices.length > 0 ? <NewIncidentForm services={ownServices} /> : null}
      {rows.length === 0 ? <p className="card empty-state">No incidents match these filters.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="incidents">
            <thead><tr><th scope="col">Opened ({tz})</th><th scope="col">Incident</th><th scope="col">Service</th><th scope="col">State</th><th scope="col">Time to restore</th><th scope="col">Source</th><th scope="col">Cause</th></tr></thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id}>
                  <td><time dateTime={i.openedAt.toISOString()}>{formatDateTime(i.openedAt, tz)}</time></td>
                  <td><a href={`/incidents/${i.id}`}>{i.title}</a>{i.outage ? <span className="muted small"> · outage</span> : null}</td>
                  <td>{i.service}{i.environment ? <span className="muted small"> · {i.environment}</span> : null}</td>
                  <td>{i.resolvedAt ? <span className="badge status-resolved">resolved</span> : <span className="badge status-open">open</span>}</td>
                  <td>{i.resolvedAt ? formatDuration((i.resolvedAt.getTime() - i.openedAt.getTime()) / 1000) : <span className="muted">open {formatDuration((now - i.openedAt.getTime()) / 1000)}</span>}</td>
                  <td>{i.source}</td>
                  <td>{i.cause ? `${i.cause.externalId} (${i.cause.linkMethod.replace('_', ' ')})` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? <p className="pager"><a href={next}>Older incidents</a></p> : null}
    </>
  )
}
