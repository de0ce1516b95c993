'use client'

import { useEffect, useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { reportHistoryDto, storedReportDto, type StoredReportDto } from '@/lib/validation/reports'
import { VerifyReport } from '@/components/reports/verify-report'
import { formatDateTime } from '@/lib/format/format-time'

const reportKeys = { history: ['reports', 'history'] as const }

async function fetchHistory(): Promise<StoredReportDto[]> {
  const res = await fetch('/api/dashboard/reports', { cache: 'no-store' })
  if (!res.ok) throw new Error(`the server answered ${res.status}`)
  return reportHistoryDto.parse(await res.json()).reports
}

async function buildReport(body: Record<string, unknown>): Promise<StoredReportDto> {
  const res = await fetch('/api/dashboard/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const json = await res.json()
  if (!res.ok) throw new Error(json?.error?.message ?? `the server answered ${res.status}`)
  return storedReportDto.parse(json.report)
}

// the end of a whole-days range: midnight (UTC) after its last day
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().replace('.000Z', 'Z')
const scopeName = (r: StoredReportDto) => (r.scopeKind === 'org' ? 'Organisation' : r.scopeKind === 'team' ? `Team ${r.team}` : `Service ${r.service}`)
const kb = (n: number) => `${(n / 1024).toFixed(n < 10_240 ? 1 : 0)} KiB`

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(since)
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(t)
  }, [])
  return <span>{((now - since) / 1000).toFixed(0)} s</span>
}

// organisation: whether the reader may read the whole organisation (team-only readers may not build its report)
// tz: the browser's zone as the server knows it, of the times in the history
type Props = {
  organisation: boolean; teams: string[]; services: string[]; initial: StoredReportDto[]; defaultQuarter: { year: number; quarter: number }; tz: string
}

// Build a report now (progress while the server renders it), download it, and the history.
export function ReportsClient({ organisation, teams, services, initial, defaultQuarter, tz }: Props) {
  const queryClient = useQueryClient()
  const [scope, setScope] = useState(organisation || teams.length === 0 ? 'org' : `team:${teams[0]}`)
  const [year, setYear] = useState(defaultQuarter.year)
  const [quarter, setQuarter] = useState(defaultQuarter.quarter)
  // a quarter, or any range of whole days (from its first to its last day, inclusive)
  const [period, setPeriod] = useState<'quarter' | 'range'>('quarter')
  const [from, setFrom] = useState('')
  const [through, setThrough] = useState('')
  const [format, setFormat] = useState<'pdf' | 'csv' | 'json'>('pdf')
  const [paper, setPaper] = useState<'a4' | 'letter'>('a4')
  const [startedAt, setStartedAt] = useState(0)
  const history = useQuery({ queryKey: reportKeys.history, queryFn: fetchHistory, initialData: initial })
  const build = useMutation({
    mutationFn: buildReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.history }),
  })
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    const [kind, slug] = scope.split(':')
    setStartedAt(Date.now())
    const when = period === 'quarter' ? { year, quarter } : { from: `${from}T00:00:00Z`, to: dayAfter(through) }
    build.mutate({ ...when, format, paper, ...(kind === 'team' ? { team: slug } : kind === 'service' ? { service: slug } : {}) })
  }
  return (
    <>
      <form className="filter-bar card" onSubmit={submit} aria-label="Build a report">
        <label>Scope <select value={scope} onChange={(e) => setScope(e.target.value)} name="scope">
          {organisation && <option value="org">Organisation</option>}
          <optgroup label="Teams">{teams.map((t) => <option key={t} value={`team:${t}`}>{t}</option>)}</optgroup>
          <optgroup label="Services">{services.map((s) => <option key={s} value={`service:${s}`}>{s}</option>)}</optgroup>
        </select></label>
        <label>Period <select name="period" value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}><option value="quarter">A quarter</option><option value="range">Dates</option></select></label>
        {period === 'quarter' ? (
          <>
            <label>Year <input type="number" name="year" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.target.value))} style={{ width: '5.5rem' }} /></label>
            <label>Quarter <select name="quarter" value={quarter} onChange={(e) => setQuarter(Number(e.target.value))}>{[1, 2, 3, 4].map((q) => <option key={q} value={q}>Q{q}</option>)}</select></label>
          </>
        ) : (
          <>
            <label>From <input type="date" name="from" required value={from} onChange={(e) => setFrom(e.target.value)} /></label>
            <label>Through <input type="date" name="through" required min={from || undefined} value={through} onChange={(e) => setThrough(e.target.value)} /></label>
          </>
        )}
        <label>Format <select name="format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}><option value="pdf">PDF</option><option value="csv">CSV</option><option value="json">JSON</option></select></label>
        {format === 'pdf' && <label>Paper <select name="paper" value={paper} onChange={(e) => setPaper(e.target.value as typeof paper)}><option value="a4">A4</option><option value="letter">Letter</option></select></label>}
        <button type="submit" disabled={build.isPending}>Build now</button>
      </form>
      <div aria-live="polite" data-testid="build-status" style={{ margin: '0.75rem 0' }}>
        {build.isPending && <p><progress aria-label="Rendering the report" style={{ verticalAlign: 'middle' }} /> Rendering the report… <Elapsed since={startedAt} /></p>}
        {build.isError && <p className="error-state" role="alert">Could not build the report: {build.error.message}</p>}
        {build.isSuccess && (
          <p data-testid="built">
            Ready: <a href={`/api/dashboard/reports/${build.data.id}`} download>{scopeName(build.data)}, {build.data.periodLabel} ({build.data.format.toUpperCase()}, {kb(build.data.byteSize)})</a>
            {' '}<span className="muted">SHA-256 <code>{build.data.sha256}</code></span>
          </p>
        )}
      </div>
      <h2>History</h2>
      {history.data.length === 0 ? <p className="card empty-state">No reports yet.</p> : (
        <div className="table-scroll" tabIndex={0}>
          <table data-testid="report-history">
            <thead><tr><th scope="col">Generated ({tz})</th><th scope="col">Scope</th><th scope="col">Period</th><th scope="col">Format</th><th scope="col">Size</th><th scope="col">By</th><th scope="col">SHA-256</th><th scope="col">File</th></tr></thead>
            <tbody>
              {history.data.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt, tz)}</td>
                  <td>{scopeName(r)}</td>
                  <td>{r.periodLabel}</td>
                  <td>{r.format.toUpperCase()}</td>
                  <td>{kb(r.byteSize)}</td>
                  <td>{r.source}</td>
                  <td><code title={r.sha256}>{r.sha256.slice(0, 16)}…</code></td>
                  <td><a href={`/api/dashboard/reports/${r.id}`} download>Download</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history.isError && <p className="error-state" role="alert">Could not refresh the history ({history.error.message}).</p>}
      <VerifyReport tz={tz} />
    </>
  )
}
