import type { ReactNode } from 'react'
import { formatDuration } from '@/lib/format/format-metric'
import { STAGES, stageSpans } from '@/lib/metrics/lead-time-stages'

// A lead-time record's pull request (issue 25): its number, linking to it where its host gave an http(s) URL,
// and its stage times (the pull request's, as "Where changes wait" counts them; "—" where a moment is unknown).
type Row = Record<string, unknown>
const dash = '—'
const at = (v: unknown) => (v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null)

export function pullRequestLink(r: Row): ReactNode {
  if (r.prNumber === null || r.prNumber === undefined) return dash
  const label = `#${String(r.prNumber)}`
  return typeof r.prUrl === 'string' && /^https?:\/\//.test(r.prUrl) ? <a href={r.prUrl} rel="noreferrer">{label}</a> : label
}

export function pullRequestStages(r: Row): ReactNode {
  const deployedAt = at(r.prDeployedAt)
  if (r.prNumber === null || r.prNumber === undefined || !deployedAt) return dash
  const spans = stageSpans({
    firstCommitAt: at(r.prFirstCommitAt), readyAt: at(r.prReadyAt), firstReviewAt: at(r.prFirstReviewAt), mergedAt: at(r.prMergedAt), deployedAt,
    pullRequest: true,
  })
  return <span className="small">{STAGES.map((s) => `${s} ${spans[s] === null ? dash : formatDuration(spans[s])}`).join(' · ')}</span>
}
