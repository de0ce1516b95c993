import { GoalBadge } from '@/components/metrics/goal-badge'
import type { GoalView } from '@/lib/dashboard/goal-views'
import { Sparkline } from '@/components/charts/sparkline'
import { formatCount, formatScore, formatValue } from '@/lib/format/format-metric'
import { describeChange, describeScoreChange } from '@/lib/format/format-change'
import type { ComplianceMetric } from '@/lib/compliance/compliance-metric'
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

// The compliance score S (median over the scope's services scanned in the range, each as of the range's
// end: lib/compliance/compliance-metric.ts), its components, the previous range and the change, as the
// other cards. Coverage first, so a good S cannot hide that 1 of 11 services was scanned.
export function ComplianceCard({ metric, href, goal }: { metric: ComplianceMetric; href?: string; goal?: GoalView }) {
  const { headline, components: k, coverage: c, change } = metric
  const coverage = `${c.scanned} of ${c.services} service${c.services === 1 ? '' : 's'} scanned in this range`
  return (
    <section className="card metric-card" data-testid="card-compliance" aria-label="Compliance score">
      <header><h3>{href ? <a href={href}>Compliance score</a> : 'Compliance score'}</h3></header>
      <GoalBadge goal={goal} />
      <div className={`value${headline === null ? ' muted' : ''}`} data-testid="value-compliance">{headline === null ? 'no data' : formatScore(headline)}</div>
      <div className="change" data-testid="compliance-coverage">{coverage}</div>
      {c.scanned === 0 ? (
        <footer className="muted">Upload OpenSCAP, Trivy, Grype, SARIF or posture results to see it.</footer>
      ) : (
        <>
          <div className={`change ${change.direction ?? ''}`} data-testid="change-compliance">{describeScoreChange(change)}</div>
          <Sparkline label="Compliance score" values={metric.series.map((p) => p.s)} />
          <footer className="muted">
            <span data-testid="compliance-components">S, median of the scanned · C {formatScore(k.c)} · V {formatScore(k.v)} · P {formatScore(k.p)}</span>
            {c.broken > 0 ? ` · ${c.broken} broken scan${c.broken === 1 ? '' : 's'}` : ''}
            {c.unscanned.length > 0 && <div title={c.unscanned.join(', ')}>Not scanned: {c.unscanned.slice(0, 5).join(', ')}{c.unscanned.length > 5 ? ` and ${c.unscanned.length - 5} more` : ''}</div>}
          </footer>
        </>
      )}
    </section>
  )
}
