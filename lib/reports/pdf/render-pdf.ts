import { describeChange } from '@/lib/format/format-change'
import path from 'node:path'
import PDFDocument from 'pdfkit'
import { formatDuration, formatPercent, formatValue } from '@/lib/format/format-metric'
import { strategyLabel } from '@/lib/format/strategy'
import type { QuarterlyReport } from '@/lib/reports/build-quarterly-report'
import { drawChart, drawTable, palette } from '@/lib/reports/pdf/pdf-charts'
import { drawAppendix, drawDetails } from '@/lib/reports/pdf/pdf-sections'

// Inter, shipped with the app (@fontsource/inter, static instances: pdfkit's subsetter cannot embed
// the variable font); nothing is fetched at run time.
const fontFile = (weight: 400 | 700) => path.join(process.cwd(), 'node_modules/@fontsource/inter/files', `inter-latin-${weight}-normal.woff`)

export type Paper = 'a4' | 'letter'

export const scopeText = (r: QuarterlyReport) =>
  r.scope.kind === 'org' ? 'Organisation' : r.scope.kind === 'team' ? `Team ${r.scope.team}` : `Service ${r.scope.service} (team ${r.scope.team})`

// The report as a print-quality PDF: vector charts, embedded font, page numbers and a footer with the
// scope and the generation time on every page. Returned as a stream.
export function renderPdf(report: QuarterlyReport, paper: Paper = 'a4'): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: paper === 'a4' ? 'A4' : 'LETTER',
    margins: { top: 48, bottom: 56, left: 48, right: 48 },
    bufferPages: true,
    info: { Title: report.title, Author: 'Plimsoll', Subject: `${scopeText(report)}, ${report.period.label}`, CreationDate: report.generatedAt },
  })
  doc.registerFont('Inter', fontFile(400))
  doc.registerFont('Inter-Bold', fontFile(700))
  drawCover(doc, report)
  drawTrends(doc, report)
  drawDetails(doc, report)
  drawAppendix(doc, report)
  drawFooters(doc, report)
  doc.end()
  return doc
}

function drawCover(doc: PDFKit.PDFDocument, r: QuarterlyReport) {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  doc.font('Inter-Bold').fontSize(20).fillColor(palette.ink).text(r.title)
  doc.font('Inter').fontSize(10).fillColor(palette.muted)
    .text(`${scopeText(r)} · ${r.scope.services.length} service(s) · environments: ${r.scope.environments.join(', ') || 'none'}`
      + (r.scope.strategies ? ` · strategies: ${r.scope.strategies.map(strategyLabel).join(', ')}` : ''))
    .text(`${r.period.from.toISOString().slice(0, 10)} to ${new Date(r.period.to.getTime() - 1).toISOString().slice(0, 10)} (${r.period.tz}), compared with ${r.period.previous.label} · levels: ${r.benchmark.title}`)
  doc.moveDown(1)
  const cols = 2
  const cardW = (width - 12) / cols
  const cardH = 62
  const top = doc.y
  r.headlines.forEach((h, i) => {
    const x = doc.page.margins.left + (i % cols) * (cardW + 12)
    const y = top + Math.floor(i / cols) * (cardH + 10)
    doc.roundedRect(x, y, cardW, cardH, 4).lineWidth(0.6).strokeColor(palette.grid).stroke()
    doc.font('Inter').fontSize(8).fillColor(palette.muted).text(h.label, x + 8, y + 7, { width: cardW - 16, lineBreak: false })
    doc.font('Inter-Bold').fontSize(16).fillColor(palette.ink).text(formatValue(h.headline.value, h.headline.unit, h.metric), x + 8, y + 19, { width: cardW - 16, lineBreak: false })
    doc.font('Inter').fontSize(7.5).fillColor(palette.muted).text(
      [h.level ? `level ${h.level}` : 'no level', `${h.sampleSize} record(s)`, changeText(h, r)].join(' · '),
      x + 8, y + 42, { width: cardW - 16, lineBreak: false },
    )
  })
  doc.x = doc.page.margins.left
  doc.y = top + Math.ceil(r.headlines.length / cols) * (cardH + 10) + 4
  doc.font('Inter').fontSize(7.5).fillColor(palette.muted).text('Exact values of every headline are in the appendix ("Headline figures"). Change is against the previous quarter, in the metric\'s own unit.', { width })
}

// A change as a lead says it (lib/format/format-change.ts): "was 8.4%, +1.0 pp", availability as the
// downtime it means over the period, durations in time; the reason when there is no figure.
function changeText(h: QuarterlyReport['headlines'][number], r: QuarterlyReport): string {
  const span = (Math.min(r.period.to.getTime(), r.generatedAt.getTime()) - r.period.from.getTime()) / 1000
  return describeChange(h.metric, h.headline.unit, h.change, Math.max(0, span))
}

type Point = Record<string, unknown> & { bucket: string }
const num = (v: unknown) => (typeof v === 'number' ? v : null)

function drawTrends(doc: PDFKit.PDFDocument, r: QuarterlyReport) {
  doc.addPage()
  doc.font('Inter-Bold').fontSize(13).fillColor(palette.ink).text('Trends by week')
  doc.moveDown(0.4)
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const w = (width - 16) / 2
  const h = 130
  const week = (metric: keyof QuarterlyReport['weekly'], field: string) => (r.weekly[metric] as Point[]).map((p) => ({ label: p.bucket.slice(5), value: num(p[field]) }))
  const charts = [
    { title: 'Successful deployments per week', points: week('deploymentFrequency', 'success'), kind: 'bar' as const, format: (v: number) => v.toFixed(0) },
    { title: 'Lead time for changes, median per week', points: week('leadTime', 'median'), kind: 'line' as const, format: formatDuration },
    { title: 'Change failure rate per week', points: week('changeFailureRate', 'rate'), kind: 'line' as const, format: (v: number) => formatPercent(v, 0) },
    { title: 'Time to restore, median per week', points: week('timeToRestore', 'median'), kind: 'line' as const, format: formatDuration },
  ]
  const top = doc.y
  charts.forEach((c, i) => drawChart(doc, { x: doc.page.margins.left + (i % 2) * (w + 16), y: top + Math.floor(i / 2) * (h + 14), w, h }, c.title, c.points, c))
  doc.x = doc.page.margins.left
  doc.y = top + 2 * (h + 14) + 6
  doc.font('Inter-Bold').fontSize(13).fillColor(palette.ink).text('By month')
  doc.moveDown(0.3)
  const m = r.api.metrics
  const months = (m.deploymentFrequency.series as Point[]).map((p, i) => ({
    month: p.bucket.slice(0, 7),
    deployments: num(p.success),
    lead: num((m.leadTime.series[i] as Point).median),
    cfr: num((m.changeFailureRate.series[i] as Point).rate),
    restore: num((m.timeToRestore.series[i] as Point).median),
    rework: num((m.reworkRate.series[i] as Point).rate),
  }))
  drawTable(doc, months, [
    { title: 'Month', width: 80, value: (x) => x.month },
    { title: 'Deployments', width: 80, align: 'right', value: (x) => String(x.deployments ?? '—') },
    { title: 'Lead time (median)', width: 95, align: 'right', value: (x) => formatDuration(x.lead) },
    { title: 'Change failure rate', width: 95, align: 'right', value: (x) => formatPercent(x.cfr) },
    { title: 'Time to restore (median)', width: 110, align: 'right', value: (x) => formatDuration(x.restore) },
    { title: 'Rework rate', width: 70, align: 'right', value: (x) => formatPercent(x.rework) },
  ])
}

// Footers go on last, when the page count is known (bufferPages).
function drawFooters(doc: PDFKit.PDFDocument, r: QuarterlyReport) {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    const y = doc.page.height - 36
    const left = doc.page.margins.left
    const width = doc.page.width - left - doc.page.margins.right
    doc.strokeColor(palette.grid).lineWidth(0.5).moveTo(left, y - 6).lineTo(left + width, y - 6).stroke()
    doc.font('Inter').fontSize(7).fillColor(palette.muted)
      .text(`Plimsoll · ${scopeText(r)} · ${r.period.label} · generated ${r.generatedAt.toISOString()}`, left, y, { width: width - 70, lineBreak: false })
      .text(`Page ${i + 1} of ${range.count}`, left + width - 70, y, { width: 70, align: 'right', lineBreak: false })
    doc.page.margins.bottom = bottom
  }
}
