import { describe, expect, it } from 'vitest'
import { defaultGranularity, filterQuery, overviewHref, parseOverviewParams } from '@/lib/dashboard/overview-params'

const now = new Date('2026-05-15T10:00:00Z')
const ok = (raw: Record<string, string>) => {
  const r = parseOverviewParams(raw, now)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.params
}

describe('parseOverviewParams', () => {
  it.each([
    [{}, '2026-04-16T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 'week'],
    [{ range: '7d' }, '2026-05-09T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 'day'],
    [{ range: '90d', tz: 'Europe/Berlin' }, '2026-02-14T23:00:00.000Z', '2026-05-15T22:00:00.000Z', 'week'],
    [{ range: 'this-quarter' }, '2026-04-01T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 'week'],
    [{ range: 'custom', from: '2026-01-01', to: '2026-05-10' }, '2026-01-01T00:00:00.000Z', '2026-05-11T00:00:00.000Z', 'week'],
    [{ range: 'custom', from: '2025-10-01', to: '2026-05-10' }, '2025-10-01T00:00:00.000Z', '2026-05-11T00:00:00.000Z', 'month'],
    [{ rolling: '28' }, '2026-04-16T00:00:00.000Z', '2026-05-16T00:00:00.000Z', 'day'],
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
    [{ rolling: '14' }, 'rolling'],
    [{ benchmark: 'dora-1999' }, 'benchmark'],
  ])('refuses %j naming %s', (raw, path) => {
    const r = parseOverviewParams(raw, now)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.map((e) => e.path)).toContain(path)
  })

  it('carries a strategy filter (one or several) into links', () => {
    const p = ok({ strategy: 'canary,Blue_Green' })
    expect(p.strategy).toEqual(['canary', 'blue_green'])
    expect(overviewHref(filterQuery(p), '/metrics/leadTime')).toBe('/metrics/leadTime?strategy=canary%2Cblue_green')
    expect(ok({}).strategy).toBeUndefined()
  })

  it('builds links that keep the other filters', () => {
    expect(overviewHref({ team: 'storefront', range: '7d', service: undefined })).toBe('/?team=storefront&range=7d')
    expect(overviewHref({})).toBe('/')
  })

  it.each([
    [29, 'day'], [30, 'week'], [90, 'week'], [180, 'week'], [181, 'month'], [365, 'month'],
  ])('%s days -> %s buckets by default', (days, g) => {
    expect(defaultGranularity(new Date(0), new Date(days * 86_400_000))).toBe(g)
  })

  it("uses the browser's zone without a tz parameter; the URL still wins", () => {
    expect(ok({}).tz).toBe('UTC')
    const berlin = parseOverviewParams({}, now, 'Europe/Berlin')
    expect(berlin.ok && [berlin.params.tz, berlin.params.window.from.toISOString()]).toEqual(['Europe/Berlin', '2026-04-15T22:00:00.000Z'])
    const tokyo = parseOverviewParams({ tz: 'Asia/Tokyo' }, now, 'Europe/Berlin')
    expect(tokyo.ok && tokyo.params.tz).toBe('Asia/Tokyo')
    const bad = parseOverviewParams({}, now, 'Not/AZone')
    expect(bad.ok && bad.params.tz).toBe('UTC')
  })

  it('carries only non-default filters in links', () => {
    const clean = (p: Record<string, string | undefined>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined))
    expect(clean(filterQuery(ok({ range: '30d', granularity: 'week', tz: 'UTC', benchmark: 'dora-2023', annotations: 'on' })))).toEqual({})
    const berlin = parseOverviewParams({ tz: 'Europe/Berlin', team: 'core', granularity: 'day' }, now, 'Europe/Berlin')
    expect(berlin.ok && clean(filterQuery(berlin.params))).toEqual({ team: 'core', granularity: 'day' })
    expect(clean(filterQuery(ok({ range: '7d', from: '2026-01-01', rolling: '7', annotations: 'off' })))).toEqual({ range: '7d', rolling: '7', annotations: 'off' })
  })
})
