import { describe, expect, it } from 'vitest'
import { metricsQuery } from '@/lib/validation/metrics'
import { zodFieldErrors } from '@/lib/validation/zod-fields'

const base = { from: '2026-01-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }

describe('metricsQuery', () => {
  it('applies defaults', () => {
    expect(metricsQuery.parse(base)).toMatchObject({ tz: 'UTC', granularity: 'week', benchmark: 'dora-2023' })
  })

  it('splits a service list', () => {
    expect(metricsQuery.parse({ ...base, service: 'Checkout, search' }).service).toEqual(['checkout', 'search'])
  })

  it.each([
    [{ tz: 'Mars/Olympus' }, 'tz'],
    [{ granularity: 'hour' }, 'granularity'],
    [{ from: '2026-04-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
    [{ to: '2030-01-01T00:00:00Z' }, 'to'],
    [{ from: '2026-01-01' }, 'from'],
    [{ benchmark: 'dora-1999' }, 'benchmark'],
    [{ service: 'ok,Not A Slug!' }, 'service.1'],
    [{ colour: 'red' }, 'colour'],
  ])('%j is refused naming %s', (override, path) => {
    const result = metricsQuery.safeParse({ ...base, ...override })
    expect(result.success).toBe(false)
    expect(zodFieldErrors(result.error!).map((f) => f.path)).toContain(path)
  })
})
