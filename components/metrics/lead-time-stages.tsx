import './lead-time-stages.css'
import { formatCount, formatDuration, formatPercent } from '@/lib/format/format-metric'
import { STAGES, type Stage, type StageSummary } from '@/lib/metrics/lead-time-stages'
import type { z } from 'zod'
import type { leadTimeStagesDtoSchema } from '@/lib/validation/lead-time-stages'

type Stages = z.infer<typeof leadTimeStagesDtoSchema>
const stageTitles: Record<Stage, string> = { coding: 'Coding', pickup: 'Pickup', review: 'Review', deploy: 'Deploy' }
const stageHints: Record<Stage, string> = {
  coding: 'first commit to ready for review', pickup: 'ready to first review', review: 'first review to merge', deploy: 'merge to production',
}

// A median with its sample: "no data" for none, the figure and its note below the minimum sample.
function Figure({ s, value }: { s: StageSummary; value: number | null }) {
  if (s.n === 0 || value === null) return <span className="muted">no data</span>
  return <>{formatDuration(value)}{s.note && <div className="muted small" title={s.note}>below the minimum sample</div>}</>
}

// The lead time page's stages (docs/metrics.md, "Lead time stages"): a stacked bar of the stage medians per
// period, the window's median, p75 and p90 per stage, and lead time by pull request size.
export function LeadTimeStages({ stages }: { stages: Stages }) {
  const periods = stages.stages.coding.series.map((p, i) => ({
    bucket: p.bucket, parts: STAGES.map((stage) => ({ stage, s: stages.stages[stage].series[i]! })),
  }))
  const longest = Math.max(1, ...periods.map((p) => p.parts.reduce((sum, x) => sum + (x.s.median ?? 0), 0)))
  const without = stages.withoutPullRequest
  return (
    <section className="card" data-testid="lead-time-stages">
      <h2>Where changes wait</h2>
      <p className="muted small">{stages.definition}</p>
      <div className="stage-legend" aria-hidden="true">
        {STAGES.map((stage) => <span key={stage}><i className={`stage-${stage}`} />{stageTitles[stage]} ({stageHints[stage]})</span>)}
      </div>
      <div className="stage-bars" data-testid="stage-bars">
        {periods.map((p) => {
          const total = p.parts.reduce((sum, x) => sum + (x.s.median ?? 0), 0)
          const label = p.parts.map((x) => `${stageTitles[x.stage]} ${x.s.median === null ? 'no data' : formatDuration(x.s.median)}`).join(', ')
          return [
            <span key={`${p.bucket}-k`} className="muted">{p.bucket}</span>,
            <div key={`${p.bucket}-b`} className="stage-bar" role="img" aria-label={`${p.bucket}: ${label}`} title={label}>
              {p.parts.map((x) => (x.s.median
                ? <span key={x.stage} className={`stage-${x.stage}`} style={{ width: `${(100 * x.s.median) / longest}%` }} />
                : null))}
            </div>,
            <span key={`${p.bucket}-t`}>{total > 0 ? formatDuration(total) : <span className="muted">no data</span>}</span>,
          ]
        })}
      </div>
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="stage-table">
          <thead><tr><th scope="col">Stage</th><th scope="col">Median</th><th scope="col">p75</th><th scope="col">p90</th><th scope="col">n</th></tr></thead>
          <tbody>
            {STAGES.map((stage) => {
              const s = stages.stages[stage].summary
              return (
                <tr key={stage} data-stage={stage}>
                  <th scope="row">{stageTitles[stage]} <span className="muted small">{stageHints[stage]}</span></th>
                  <td><Figure s={s} value={s.median} /></td><td><Figure s={s} value={s.p75} /></td><td><Figure s={s} value={s.p90} /></td>
                  <td>{formatCount(s.n)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <p data-testid="without-pull-request">
        {formatCount(stages.pullRequests)} pull request(s); {formatCount(without.changes)} change(s) shipped without one
        {without.share !== null && ` (${formatPercent(without.share)})`}, counted in deploy only.
      </p>
      <h3>Lead time by pull request size</h3>
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="size-table">
          <thead><tr><th scope="col">Changed lines</th><th scope="col">Median</th><th scope="col">p90</th><th scope="col">Pull requests</th></tr></thead>
          <tbody>
            {stages.bySize.bands.map((b) => (
              <tr key={b.band}>
                <th scope="row">{b.band}</th><td><Figure s={b} value={b.median} /></td><td><Figure s={b} value={b.p90} /></td><td>{formatCount(b.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {stages.bySize.unknownSize > 0 && (
        <p className="muted small">{formatCount(stages.bySize.unknownSize)} pull request(s) without a known size are left out of this table.</p>
      )}
    </section>
  )
}
