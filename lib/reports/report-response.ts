import { Readable } from 'node:stream'
import type { Caller } from '@/lib/auth/resolve-caller'
import { generateReport } from '@/lib/reports/generate-report'
import { periodOf } from '@/lib/reports/period'
import { resolveReportScope, resolveTokenReportScope } from '@/lib/reports/resolve-report-scope'
import type { QuarterlyReportQuery } from '@/lib/validation/reports'

type Source = 'api' | 'dashboard'

// Generate, store and stream one report: a token's scope through the API, any scope on the dashboard.
export async function startReport(q: QuarterlyReportQuery, caller: Caller | null, source: Source) {
  const scope = caller ? await resolveTokenReportScope(caller, q) : await resolveReportScope(q)
  const params = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined))
  return generateReport({ scope, period: periodOf(q), tz: q.tz, benchmark: q.benchmark }, { format: q.format, paper: q.paper, source, params })
}

export function streamResponse(r: { stream: Readable; contentType: string; filename: string }): Response {
  return new Response(Readable.toWeb(r.stream) as ReadableStream, {
    headers: { 'Content-Type': r.contentType, 'Content-Disposition': `attachment; filename="${r.filename}"`, 'Cache-Control': 'no-store' },
  })
}
