import { describe, expect, it } from 'vitest'
import { filterQuery, overviewHref, parseOverviewParams } from '@/lib/dashboard/overview-params'

const now = new Date('2026-05-15T10:00:00Z')
const ok = (raw: Record<string, string>) => {
  const r = parseOverviewParams(raw, now)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.params
}

describe('parseOverviewParams', () => {
  it.each([
    [{}, '2026-04-16T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 'day'],
    [{ range: '7d' }, '2026-05-09T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 'day'],
    [{ range: '90d', tz: 'Europe/Berlin' }, '2026-02-14T23:00:00.000Z', '2026-05-15T22:00:00.000Z', 'week'],
    [{ range: 'this-quarter' }, '2026-04-01T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 'week'],
    [{ range: 'last-quarter' }, '2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'week'],
    [{ range: 'custom', from: '2026-03-01', to: '2026-03-31', tz: 'America/New_York', granularity: 'month' }, '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z', 'month'],
  ])('%j', (raw, from, to, granularity) => {
    const p = ok(raw as Record<string, string>)
    expect([p.window.from.toISOString(), p.window.to.toISOString(), p.granularity]).toEqual([from, to, granularity])
  })

  it.each([
    [{ tz: 'Nowhere/Land' }, 'tz'],
    [{ range: 'forever' }, 'range'],
    [{ range: 'custom', from: '2026-03-01' }, 'to'],
    [{ range: 'custom', from: '2026-03-31', to: '2026-03-01' }, 'to'],
    [{ granularity: 'hour' }, 'granularity'],
    [{ strategy: 'canary,big-bang' }, 'strategy'],
  ])('refuses %j naming %s', (raw, path) => {
    const r = parseOverviewParams(raw, now)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(path)
  })

  it('carries a strategy filter (one or several) into links', () => {
    const p = ok({ strategy: 'canary,Blue_Green' })
    expect(p.strategy).toEqual(['canary', 'blue_green'])
    expect(overviewHref(filterQuery(p), '/metrics/leadTime')).toBe('/metrics/leadTime?strategy=canary%2Cblue_green&range=30d&granularity=day&tz=UTC')
    expect(ok({}).strategy).toBeUndefined()
  })

  it('builds links that keep the other filters', () => {
    expect(overviewHref({ team: 'storefront', range: '7d', service: undefined })).toBe('/?team=storefront&range=7d')
    expect(overviewHref({})).toBe('/')
  })
})
