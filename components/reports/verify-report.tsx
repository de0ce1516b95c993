'use client'

import { useState } from 'react'
import { reportHistoryDto, type StoredReportDto } from '@/lib/validation/reports'
import { formatDateTime } from '@/lib/format/format-time'

async function sha256Of(file: File): Promise<string> {
  // crypto.subtle exists only in secure contexts (HTTPS, localhost): else the hash is pasted by hand
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer())
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

async function lookUp(sha256: string): Promise<StoredReportDto[]> {
  const res = await fetch(`/api/dashboard/reports?sha256=${encodeURIComponent(sha256)}`, { cache: 'no-store' })
  const json = await res.json()
  if (!res.ok) throw new Error(json?.error?.message ?? `the server answered ${res.status}`)
  return reportHistoryDto.parse(json).reports
}

type Result = { sha256: string; matches: StoredReportDto[] } | { error: string }

// Is this file a report Plimsoll generated, unchanged? Its SHA-256 (of the file, in the browser, or pasted)
// against the stored reports'.
export function VerifyReport({ tz }: { tz: string }) {
  const [hash, setHash] = useState('')
  const [result, setResult] = useState<Result | null>(null)
  const check = async (sha256: string) => {
    try {
      setResult({ sha256, matches: await lookUp(sha256) })
    } catch (err) {
      setResult({ error: (err as Error).message })
    }
  }
  const onFile = async (file: File | undefined) => {
    if (!file) return
    if (!globalThis.crypto?.subtle) return setResult({ error: 'this page is not served over HTTPS: paste the file\'s SHA-256 (sha256sum) instead' })
    const sha256 = await sha256Of(file)
    setHash(sha256)
    await check(sha256)
  }
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify a report</h2>
      <p className="muted">A report handed on is genuine and unchanged when its SHA-256 is one Plimsoll stored.</p>
      <form className="filter-bar card" aria-label="Verify a report" onSubmit={(e) => { e.preventDefault(); void check(hash.trim()) }}>
        <label>Report file <input type="file" name="file" onChange={(e) => void onFile(e.target.files?.[0])} /></label>
        <label>or its SHA-256 <input name="sha256" value={hash} onChange={(e) => setHash(e.target.value)} size={40} spellCheck={false} /></label>
        <button type="submit" disabled={hash.trim() === ''}>Verify</button>
      </form>
      <div aria-live="polite" data-testid="verify-result">
        {result && 'error' in result && <p className="error-state" role="alert">Could not verify: {result.error}</p>}
        {result && 'matches' in result && (result.matches.length === 0
          ? <p className="error-state">No stored report has SHA-256 <code>{result.sha256}</code>: the file was changed, or it is not a Plimsoll report.</p>
          : <p>Genuine: {result.matches.map((r) => `report ${r.id} (${r.scopeKind === 'org' ? 'organisation' : r.service ?? r.team}, ${r.periodLabel}, ${r.format.toUpperCase()}, generated ${formatDateTime(r.createdAt, tz)} ${tz})`).join('; ')}.</p>)}
      </div>
    </section>
  )
}
