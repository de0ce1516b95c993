import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '@/lib/openapi/document'

const apiDir = path.join(process.cwd(), 'app', 'api')
const routeFiles = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const full = path.join(dir, name)
  return statSync(full).isDirectory() ? routeFiles(full) : name === 'route.ts' ? [full] : []
})
const routePath = (file: string) => '/api/' + path.relative(apiDir, path.dirname(file)).split(path.sep).join('/').replace(/\[(\w+)\]/g, '{$1}')

// Every route that answers a CSV (a table's download, the audit log, a report). The ones whose own file says
// so are found; a route that streams a CSV built elsewhere is named here. lib/auth/route-access.integration.test.ts
// calls each for its CSV, as every kind of caller.
const CSV_ROUTES = [
  '/api/dashboard/deployments', '/api/dashboard/reports/{id}', '/api/dashboard/scorecard', '/api/dashboard/services', '/api/settings/audit',
  '/api/v1/reports/quarterly',
]

type Operation = { security?: unknown; parameters?: { name: string }[]; responses: Record<string, { content?: Record<string, unknown> }> }

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, Operation>> }

  it('names every route whose file answers a CSV', () => {
    const found = routeFiles(apiDir).filter((f) => /csvResponse|text\/csv/.test(readFileSync(f, 'utf8'))).map(routePath)
    expect(CSV_ROUTES).toEqual(expect.arrayContaining(found))
  })

  it.each(CSV_ROUTES)('documents %s with its CSV answer and who may call it', (route) => {
    const get = doc.paths[route]?.get
    expect(get, route).toBeDefined()
    expect(Object.keys(get!.responses['200']!.content ?? {})).toContain('text/csv')
    // the dashboard's routes take a person's session, the v1 API a token (the document's default)
    if (!route.startsWith('/api/v1/')) expect(get!.security).toEqual([{ session: [] }])
    if (!route.includes('{id}')) expect(get!.parameters?.map((p) => p.name)).toContain('format')
  })
})
