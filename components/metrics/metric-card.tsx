import { Sparkline } from '@/components/charts/sparkline'
import { formatPercent, formatValue } from '@/lib/format/format-metric'
import type { MetricResult } from '@/lib/metrics/build-report'
import { metricTitles } from '@/lib/metrics/definitions'

const titles: Record<string, string> = metricTitles

// Which series field draws the card's sparkline.
const sparkField: Record<string, string> = {
  deploymentFrequency: 'success', leadTime: 'median', changeFailureRate: 'rate', timeToRestore: 'median',
  failedDeploymentRecoveryTime: 'median', reworkRate: 'rate',
}

export function MetricCard({ name, metric, href }: { name: string; metric: MetricResult; href?: string }) {
  const { headline, level, change, sampleSize } = metric
  const field = sparkField[name]
  return (
    <section className="card metric-card" data-testid={`card-${name}`} aria-label={titles[name]}>
      <header>
        <h3>{href ? <a href={href}>{titles[name]}</a> : titles[name]}</h3>
        {level && <span className={`badge level-${level}`}>{level}</span>}
      </header>
      <div className="value" data-testid={`value-${name}`}>{formatValue(headline.value, headline.unit, name)}</div>
      <div className={`change ${change.direction ?? ''}`}>
        {change.direction === null ? 'no previous data' : change.direction === 'same' ? 'same as previous period'
          : `${change.absolute! > 0 ? '▲' : '▼'} ${change.relative === null ? formatValue(Math.abs(change.absolute!), headline.unit, name) : formatPercent(Math.abs(change.relative), Math.abs(change.relative) < 0.1 ? 1 : 0)} vs previous period`}
      </div>
      {field && <Sparkline label={titles[name]!} values={metric.series.map((p) => (p[field] as number | null) ?? null)} />}
      <footer className="muted">
        n = {sampleSize}
        {metric.warnings.length > 0 && <span title={metric.warnings.join('\n')}> · {metric.warnings.length} warning{metric.warnings.length > 1 ? 's' : ''}</span>}
      </footer>
    </section>
  )
}

// The compliance score S (median over the scope's scanned services): components/compliance, lib/compliance.
export function ComplianceCard({ score, gradeAorB, services, broken }: { score: number | null; gradeAorB: number | null; services: number; broken: number }) {
  return (
    <section className="card metric-card" data-testid="card-compliance" aria-label="Compliance score">
      <header><h3><a href="/compliance">Compliance score</a></h3></header>
      {services === 0 ? (
        <>
          <div className="value muted">no scans yet</div>
          <footer className="muted">Upload OpenSCAP, Trivy, Grype or SARIF results to see it.</footer>
        </>
      ) : (
        <>
          <div className="value" data-testid="value-compliance">{score === null ? '–' : score.toFixed(1)}</div>
          <footer className="muted">S, median of {services} scanned service{services === 1 ? '' : 's'} · {formatPercent(gradeAorB, 0)} at grade A/B{broken > 0 ? ` · ${broken} broken scan${broken === 1 ? '' : 's'}` : ''}</footer>
        </>
      )}
    </section>
  )
}
