import { createHash } from 'node:crypto'
import { PassThrough, Readable } from 'node:stream'
import type { ReportFormat } from '@/lib/validation/reports'
import type { QuarterlyReport } from '@/lib/reports/build-quarterly-report'
import { getQuarterlyReport, type ReportRequest } from '@/lib/reports/get-quarterly-report'
import { renderCsv } from '@/lib/reports/render-csv'
import { renderPdf, type Paper } from '@/lib/reports/pdf/render-pdf'
import { insertReport, type ReportMeta, type StoredReport } from '@/lib/queries/reports/insert-report'
import { logger } from '@/lib/logger'

const contentTypes: Record<ReportFormat, string> = { pdf: 'application/pdf', csv: 'text/csv; charset=utf-8', json: 'application/json' }

// JSON: the metrics API's shape at the top level (scope, previousWindow, benchmark, metrics with monthly
// series), the rest of the report beside it under `report`.
export function renderJson(r: QuarterlyReport): Readable {
  const { api, ...rest } = r
  return Readable.from([JSON.stringify({ ...api, report: rest })])
}

export function renderReport(r: QuarterlyReport, format: ReportFormat, paper: Paper): Readable {
  if (format === 'pdf') return renderPdf(r, paper) as unknown as Readable
  return format === 'csv' ? renderCsv(r) : renderJson(r)
}

type Named = Pick<ReportMeta, 'scopeKind' | 'team' | 'service' | 'periodLabel' | 'format'>
export const reportFilename = (r: Named, id?: number) =>
  `plimsoll-${r.scopeKind}${r.scopeKind === 'org' ? '' : `-${r.service ?? r.team}`}-${r.periodLabel.replace(/\s+/g, '-').toLowerCase()}${id ? `-${id}` : ''}.${r.format}`

// Builds the report and renders it as a stream; the bytes are hashed (SHA-256) and kept as they pass,
// and stored once the stream ends. `stored` rejects when rendering or storing fails.
export async function generateReport(req: ReportRequest, opts: { format: ReportFormat; paper: Paper; source: ReportMeta['source']; params: Record<string, unknown> }, now = new Date()) {
  const report = await getQuarterlyReport(req, now)
  const meta: ReportMeta = {
    scopeKind: report.scope.kind, team: report.scope.team, service: report.scope.service,
    periodLabel: report.period.label, periodFrom: report.period.from, periodTo: report.period.to,
    format: opts.format, params: opts.params, contentType: contentTypes[opts.format], source: opts.source,
  }
  const source = renderReport(report, opts.format, opts.paper)
  const out = new PassThrough()
  const hash = createHash('sha256')
  const chunks: Buffer[] = []
  const stored = new Promise<StoredReport>((resolve, reject) => {
    source.on('data', (chunk: Buffer | string) => {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
      hash.update(b)
      chunks.push(b)
    })
    source.on('error', reject)
    source.on('end', () => insertReport(meta, Buffer.concat(chunks), hash.digest('hex')).then(resolve, reject))
  })
  stored.catch((err) => logger.error({ err, meta: { ...meta, params: undefined } }, 'could not store a generated report'))
  source.pipe(out)
  return { report, stream: out, stored, contentType: meta.contentType, filename: reportFilename(meta) }
}
