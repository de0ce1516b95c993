import { describe, expect, it } from 'vitest'
import { buildOpenApiDocument } from '@/lib/openapi/document'

// The request-window body is documented beside the probe result (toSchema must cope with its refinements).
describe('OpenAPI: POST /api/v1/availability', () => {
  it('takes a probe result or a window of request counts', () => {
    const doc = buildOpenApiDocument() as unknown as { components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } }
    const w = doc.components.schemas.RequestWindow!
    expect(Object.keys(w.properties ?? {}).sort()).toEqual(['from', 'good', 'indicator', 'service', 'to', 'total'])
    expect(w.required?.sort()).toEqual(['from', 'good', 'indicator', 'service', 'to', 'total'])
  })
})
