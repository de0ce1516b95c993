import { formatDuration, formatFrequency, formatPercent } from '@/lib/format/format-metric'
import type { QuarterlyReport } from '@/lib/reports/build-quarterly-report'
import { drawTable, palette } from '@/lib/reports/pdf/pdf-charts'
import { strategyLabel } from '@/lib/format/strategy'

const heading = (doc: PDFKit.PDFDocument, text: string) => {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage()
  doc.x = doc.page.margins.left
  doc.font('Inter-Bold').fontSize(13).fillColor(palette.ink).text(text)
  doc.moveDown(0.3)
}
const note = (doc: PDFKit.PDFDocument, text: string) => {
  doc.x = doc.page.margins.left
  doc.font('Inter').fontSize(8).fillColor(palette.muted).text(text, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right })
  doc.moveDown(0.4)
}
const level = (l: string | null) => l ?? '—'
const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : 'open')

// Services, incidents, compliance and SLOs.
export function drawDetails(doc: PDFKit.PDFDocument, r: QuarterlyReport) {
  doc.addPage()
  heading(doc, 'Services: throughput')
  drawTable(doc, r.services, [
    { title: 'Service', width: 110, value: (s) => s.service },
    { title: 'Deploys', width: 50, align: 'right', value: (s) => String(s.deployments) },
    { title: 'Frequency', width: 70, align: 'right', value: (s) => formatFrequency(s.perDay) },
    { title: 'Lead time (n)', width: 85, align: 'right', value: (s) => `${formatDuration(s.leadTimeMedian)} (${s.changes})` },
    { title: 'Availability', width: 70, align: 'right', value: (s) => formatPercent(s.availability, 3) },
    { title: 'Levels DF / LT', width: 112, value: (s) => [s.levels.deploymentFrequency, s.levels.leadTime].map(level).join(' / ') },
  ])
  note(doc, 'n: sample size (changes deployed for the first time). Availability is the service\'s over the whole period.')
  heading(doc, 'Services: stability')
  drawTable(doc, r.services, [
    { title: 'Service', width: 90, value: (s) => s.service },
    { title: 'CFR (n)', width: 66, align: 'right', value: (s) => `${formatPercent(s.changeFailureRate)} (${s.finished})` },
    { title: 'Restore (n)', width: 62, align: 'right', value: (s) => `${formatDuration(s.restoreMedian)} (${s.incidents})` },
    { title: 'Recovery (n/open)', width: 82, align: 'right', value: (s) => `${formatDuration(s.recoveryMedian)} (${s.recovered}/${s.unrecovered})` },
    { title: 'Rework (n)', width: 66, align: 'right', value: (s) => `${formatPercent(s.reworkRate)} (${s.finished})` },
    { title: 'Levels CFR / TTR / FDRT', width: 131, value: (s) => [s.levels.changeFailureRate, s.levels.timeToRestore, s.levels.failedDeploymentRecoveryTime].map(level).join(' / ') },
  ])
  note(doc, 'n: sample size (finished deployments, resolved incidents, recovered change failures / not yet recovered). Recovery: failed deployment recovery time (median); rework: unplanned deployments / finished deployments. Rework rate has no DORA level.')

  drawStrategies(doc, r)

  heading(doc, 'Worst incidents')
  if (r.incidents.length === 0) note(doc, 'No incidents were resolved in this period and no outage overlapped it.')
  else drawTable(doc, r.incidents, [
    { title: 'Service', width: 80, value: (i) => i.service },
    { title: 'Incident', width: 150, value: (i) => i.title },
    { title: 'Opened (UTC)', width: 75, value: (i) => day(i.openedAt) },
    { title: 'Resolved (UTC)', width: 75, value: (i) => day(i.resolvedAt) },
    { title: 'Duration', width: 50, align: 'right', value: (i) => formatDuration(i.durationSeconds) },
    { title: 'Why listed', width: 67, value: (i) => i.reason },
  ])

  const c = r.compliance
  heading(doc, 'Security compliance')
  note(doc, `Score S (median over scanned services): ${c.score === null ? 'no scans' : c.score.toFixed(2)} · open critical findings at the end of the period: ${c.openCritical} · open high: ${c.openHigh} · critical/high fixed in the period: ${c.remediated}, median time to remediate ${formatDuration(c.remediationMedianSeconds)}.`)
  drawTable(doc, c.services, [
    { title: 'Service', width: 110, value: (s) => s.service },
    { title: 'Score S', width: 55, align: 'right', value: (s) => (s.s === null ? '—' : s.s.toFixed(2)) },
    { title: 'Grade', width: 40, value: (s) => s.grade ?? '—' },
    { title: 'Open critical', width: 65, align: 'right', value: (s) => String(s.openCritical) },
    { title: 'Open high', width: 55, align: 'right', value: (s) => String(s.openHigh) },
    { title: 'Fixed', width: 40, align: 'right', value: (s) => String(s.remediated) },
    { title: 'Time to remediate', width: 85, align: 'right', value: (s) => formatDuration(s.remediationMedianSeconds) },
    { title: 'Last scan', width: 47, value: (s) => (s.lastScanAt ? new Date(s.lastScanAt).toISOString().slice(0, 10) : '—') },
  ])

  heading(doc, 'SLO attainment')
  drawTable(doc, r.slo, [
    { title: 'Service', width: 130, value: (s) => s.service },
    { title: 'Target', width: 70, align: 'right', value: (s) => `${s.target}%` },
    { title: 'Availability', width: 80, align: 'right', value: (s) => formatPercent(s.availability, 3) },
    { title: 'Met', width: 50, value: (s) => (s.attained === null ? '—' : s.attained ? 'yes' : 'no') },
    { title: 'Downtime', width: 80, align: 'right', value: (s) => formatDuration(s.downtimeSeconds) },
    { title: 'Budget left', width: 87, align: 'right', value: (s) => formatDuration(s.errorBudgetRemainingSeconds) },
  ])
}

// The deployment strategies side by side (issue 22); below the minimum sample no rate or median.
function drawStrategies(doc: PDFKit.PDFDocument, r: QuarterlyReport) {
  const shown = r.strategies.filter((s) => s.deployments > 0)
  if (shown.length === 0) return
  heading(doc, 'Deployment strategies')
  // the CFR cell says "not enough data"; the narrower ones a dash, explained in the note
  const enough = (s: QuarterlyReport['strategies'][number], text: string, short = '—') => (s.notEnoughData ? short : text)
  drawTable(doc, shown, [
    { title: 'Strategy', width: 70, value: (s) => strategyLabel(s.strategy) },
    { title: 'Deploys', width: 45, align: 'right', value: (s) => String(s.deployments) },
    { title: 'CFR (95 %)', width: 95, align: 'right', value: (s) => enough(s, s.changeFailureRate.interval
      ? `${formatPercent(s.changeFailureRate.value)} (${formatPercent(s.changeFailureRate.interval.low)}-${formatPercent(s.changeFailureRate.interval.high)})` : '—', 'not enough data') },
    { title: 'Blast radius', width: 55, align: 'right', value: (s) => enough(s, s.blastRadius.median === null ? 'no data' : `${s.blastRadius.median} %`) },
    { title: 'Recovery', width: 55, align: 'right', value: (s) => enough(s, formatDuration(s.recoveryTime.median)) },
    { title: 'Lead time', width: 55, align: 'right', value: (s) => enough(s, formatDuration(s.leadTime.median)) },
    { title: 'Zero downtime', width: 60, align: 'right', value: (s) => (s.downtime.zeroDowntimeRate === null ? (s.downtime.measured ? '—' : 'no data') : formatPercent(s.downtime.zeroDowntimeRate)) },
    { title: 'Downtime', width: 60, align: 'right', value: (s) => (s.downtime.totalSeconds === null ? 'no data' : formatDuration(s.downtime.totalSeconds)) },
  ])
  note(doc, 'Below 5 finished deployments a strategy has no rates or medians (—). CFR with its 95 % Wilson interval; blast radius: median highest traffic share its failures reached; downtime: probe-observed, from each deployment\'s start to its finish plus the service\'s grace period (no probes: no data). docs/strategies.md.')
}

// Data coverage, exact headline figures (what scripts and the end-to-end test read) and definitions.
export function drawAppendix(doc: PDFKit.PDFDocument, r: QuarterlyReport) {
  doc.addPage()
  heading(doc, 'Data coverage')
  if (r.coverage.notes.length === 0) note(doc, 'Every metric had data for every service in scope.')
  for (const n of r.coverage.notes) note(doc, `• ${n}`)
  heading(doc, 'Appendix: headline figures')
  note(doc, 'The metrics API\'s values for this scope and period (GET /api/v1/metrics), unrounded: seconds, deployments per day, ratios.')
  drawTable(doc, r.headlines, [
    { title: 'Metric', width: 160, value: (h) => h.metric },
    { title: 'Value', width: 120, align: 'right', value: (h) => exact(h.headline.value) },
    { title: 'Unit', width: 60, value: (h) => h.headline.unit },
    { title: 'Sample', width: 60, align: 'right', value: (h) => String(h.sampleSize) },
    { title: 'Previous quarter', width: 99, align: 'right', value: (h) => exact(h.change.previous) },
  ])
  heading(doc, 'Appendix: definitions')
  for (const d of r.definitions) {
    doc.x = doc.page.margins.left
    doc.font('Inter-Bold').fontSize(8.5).fillColor(palette.ink).text(d.label)
    note(doc, d.text)
  }
}

// Up to 12 significant digits: enough to compare with the API's JSON numbers.
export const exact = (v: number | null) => (v === null ? 'none' : String(Number(v.toPrecision(12))))
