import { z } from 'zod'
import { validationError } from '@/lib/http/app-error'
import { paramsSchema, parseOverviewParams, type OverviewParams } from '@/lib/dashboard/overview-params'

const formatSchema = z.enum(['json', 'csv']).default('json')

// The query as the OpenAPI document describes it (lib/openapi/document.ts): the filters and the format.
export const dashboardQueryDoc = paramsSchema.extend({ format: formatSchema.describe('json (default), or csv: the table as a download') })

// A dashboard JSON route's query: the filter bar's parameters, as the page's URL has them, and the
// answer's format (json, or csv for a table's download). Bad values are a 400 naming the field.
export function parseDashboardQuery(req: Request, now: Date): { p: OverviewParams; format: 'json' | 'csv' } {
  const { format, ...filters } = Object.fromEntries(new URL(req.url).searchParams)
  const f = formatSchema.safeParse(format)
  if (!f.success) throw validationError([{ path: 'format', message: 'must be json or csv' }])
  const parsed = parseOverviewParams(filters, now)
  if (!parsed.ok) throw validationError(parsed.errors)
  return { p: parsed.params, format: f.data }
}
