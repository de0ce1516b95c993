import { describeChange } from '@/lib/format/format-change'
import { formatCount, formatValue } from '@/lib/format/format-metric'
import { metricTitles } from '@/lib/metrics/definitions'
import type { MetricResult } from '@/lib/metrics/build-report'
import { GoalBadge } from '@/components/metrics/goal-badge'
import type { GoalView } from '@/lib/dashboard/goal-views'
import { SCORECARD_METRICS, type ScorecardRow } from '@/lib/dashboard/scorecard'

// A scope x metrics grid (/teams: teams; a team page: its services): each cell the value, its level (or
// why there is none) and the change against the previous window; the first row is the whole (organisation
// or team), the others come worst first. Missing data reads "no data" / "not enough data", never a score.
export function ScorecardGrid({ total, rows, label, csvHref }: { total: ScorecardRow; rows: ScorecardRow[]; label: string; csvHref?: string }) {
  return (
    <>
      <div className="table-scroll" tabIndex={0}>
        <table data-testid="scorecard" className="scorecard" aria-label={label}>
          <thead>
            <tr>
              <th scope="col">{label}</th>
              {SCORECARD_METRICS.map((m) => <th key={m} scope="col">{metricTitles[m]}</th>)}
              <th scope="col">Compliance</th>
            </tr>
          </thead>
          <tbody>
            {[total, ...rows].map((r, i) => (
              <tr key={r.key} data-row={r.key} className={i === 0 ? 'scorecard-total' : undefined}>
                <th scope="row"><a href={r.href}>{r.name}</a></th>
                {SCORECARD_METRICS.map((m) => <MetricCell key={m} name={m} metric={r.metrics[m]} spanSeconds={r.spanSeconds} goal={r.goals.find((g) => g.metric === m)} />)}
                <td data-metric="compliance">
                  {r.compliance.scanned === 0 ? <span className="muted" data-testid="cell-value">no data</span>
                    : <span data-testid="cell-value">{r.compliance.score === null ? 'no data' : `${r.compliance.score.toFixed(1)} / 100`}</span>}
                  <div className="muted small">{r.compliance.scanned} of {r.compliance.services} scanned</div>
                  <GoalBadge goal={r.goals.find((g) => g.metric === 'compliance')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {csvHref && <p className="muted small"><a href={csvHref} download data-testid="scorecard-csv">Download CSV</a></p>}
    </>
  )
}

function MetricCell({ name, metric, spanSeconds, goal }: { name: string; metric: MetricResult; spanSeconds: number; goal?: GoalView }) {
  const { headline, level, levelReason, change, sampleSize } = metric
  const tooFew = level === null && !!levelReason?.startsWith('not enough data')
  return (
    <td data-metric={name} title={`n = ${formatCount(sampleSize)}${levelReason ? ` · ${levelReason}` : ''}`}>
      <span className={headline.value === null || tooFew ? 'muted' : undefined} data-testid="cell-value">
        {headline.value === null ? 'no data' : formatValue(headline.value, headline.unit, name)}
      </span>{' '}
      {level && <span className={`badge level-${level}`} data-testid="cell-level">{level}</span>}
      {tooFew && headline.value !== null && <span className="not-enough" data-testid="cell-not-enough">not enough data</span>}
      {headline.value !== null && <Change text={describeChange(name, headline.unit, change, spanSeconds)} direction={change.direction} />}
      <GoalBadge goal={goal} />
    </td>
  )
}

// A withheld change keeps only "was X" in the cell (the grid is dense); the reason is in its title.
function Change({ text, direction }: { text: string; direction: string | null }) {
  const [shown] = text.split('; ')
  return <div className={`muted small change ${direction ?? ''}`} title={text}>{shown}</div>
}
