import { Readable } from 'node:stream'
import type { Principal } from '@/lib/auth/principal'
import { assertScopeReadable } from '@/lib/auth/assert-scope-readable'
import { generateReport } from '@/lib/reports/generate-report'
import { periodOf } from '@/lib/reports/period'
import { resolveReportScope, resolveTokenReportScope } from '@/lib/reports/resolve-report-scope'
import type { QuarterlyReportQuery } from '@/lib/validation/reports'

type Source = 'api' | 'dashboard'

// Generate, store and stream one report: a token's scope through the API, any scope on the dashboard.
// principal null: the quarter-end job, which reports on the whole organisation.
export async function startReport(q: QuarterlyReportQuery, principal: Principal | null, source: Source) {
  const scope = principal?.kind === 'token' ? await resolveTokenReportScope(principal, q) : await resolveReportScope(q)
  if (principal) assertScopeReadable(principal, scope)
  const params = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined))
  return generateReport({ scope, period: periodOf(q), tz: q.tz, benchmark: q.benchmark, strategies: q.strategy }, { format: q.format, paper: q.paper, source, params })
}

export function streamResponse(r: { stream: Readable; contentType: string; filename: string }): Response {
  return new Response(Readable.toWeb(r.stream) as ReadableStream, {
    headers: { 'Content-Type': r.contentType, 'Content-Disposition': `attachment; filename="${r.filename}"`, 'Cache-Control': 'no-store' },
  })
}
