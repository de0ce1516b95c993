import { GoalBadge } from '@/components/metrics/goal-badge'
import type { GoalView } from '@/lib/dashboard/goal-views'
import { Sparkline } from '@/components/charts/sparkline'
import { formatCount, formatPercent, formatValue } from '@/lib/format/format-metric'
import { describeChange } from '@/lib/format/format-change'
import type { MetricResult } from '@/lib/metrics/build-report'
import { metricTitles } from '@/lib/metrics/definitions'

const titles: Record<string, string> = metricTitles

// Which series field draws the card's sparkline.
const sparkField: Record<string, string> = {
  deploymentFrequency: 'success', leadTime: 'median', changeFailureRate: 'rate', timeToRestore: 'median',
  failedDeploymentRecoveryTime: 'median', reworkRate: 'rate',
}

// spanSeconds: the window's observed span, over which an availability change is told as downtime.
export function MetricCard({ name, metric, href, spanSeconds, goal }: { name: string; metric: MetricResult; href?: string; spanSeconds: number; goal?: GoalView }) {
  const { headline, level, levelReason, change, sampleSize } = metric
  const field = sparkField[name]
  const tooFew = level === null && levelReason?.startsWith('not enough data')
  return (
    <section className="card metric-card" data-testid={`card-${name}`} aria-label={titles[name]}>
      <header>
        <h3>{href ? <a href={href}>{titles[name]}</a> : titles[name]}</h3>
        {level && <span className={`badge level-${level}`}>{level}</span>}
        {tooFew && <span className="not-enough" data-testid={`not-enough-${name}`} title={levelReason!}>not enough data</span>}
      </header>
      <div className={`value${tooFew || headline.value === null ? ' muted' : ''}`} data-testid={`value-${name}`}>{headline.value === null ? 'no data' : formatValue(headline.value, headline.unit, name)}</div>
      <div className={`change ${change.direction ?? ''}`} data-testid={`change-${name}`}>
        {describeChange(name, headline.unit, change, spanSeconds)}
      </div>
      <GoalBadge goal={goal} />
      {field && <Sparkline label={titles[name]!} values={metric.series.map((p) => (p[field] as number | null) ?? null)} />}
      <footer className="muted">
        n = {formatCount(sampleSize)}
        {metric.warnings.length > 0 && <span title={metric.warnings.join('\n')}> · {metric.warnings.length} warning{metric.warnings.length > 1 ? 's' : ''}</span>}
      </footer>
    </section>
  )
}

// The compliance score S (median over the scope's services scanned in the range): components/compliance,
// lib/compliance. Coverage first, so "100 % at grade A/B" cannot hide that 1 of 11 services was scanned.
export function ComplianceCard({ score, gradeAorB, services, broken, unscanned, goal }: {
  score: number | null; gradeAorB: number | null; services: number; broken: number; unscanned: string[]; goal?: GoalView
}) {
  const coverage = `${services} of ${services + unscanned.length} service${services + unscanned.length === 1 ? '' : 's'} scanned in this range`
  return (
    <section className="card metric-card" data-testid="card-compliance" aria-label="Compliance score">
      <header><h3><a href="/compliance">Compliance score</a></h3></header>
      <GoalBadge goal={goal} />
      {services === 0 ? (
        <>
          <div className="value muted" data-testid="value-compliance">no data</div>
          <footer className="muted" data-testid="compliance-coverage">{coverage}. Upload OpenSCAP, Trivy, Grype or SARIF results to see it.</footer>
        </>
      ) : (
        <>
          <div className="value" data-testid="value-compliance">{score === null ? 'no data' : `${score.toFixed(1)} / 100`}</div>
          <div className="change" data-testid="compliance-coverage">{coverage}</div>
          <footer className="muted">
            S, median of the scanned · {formatPercent(gradeAorB, 0)} of them at grade A/B{broken > 0 ? ` · ${broken} broken scan${broken === 1 ? '' : 's'}` : ''}
            {unscanned.length > 0 && <div title={unscanned.join(', ')}>Not scanned: {unscanned.slice(0, 5).join(', ')}{unscanned.length > 5 ? ` and ${unscanned.length - 5} more` : ''}</div>}
          </footer>
        </>
      )}
    </section>
  )
}
