import { describe, expect, it } from 'vitest'
import { complianceMetric, type ServiceScans } from '@/lib/compliance/compliance-metric'
import type { ScanPoint } from '@/lib/compliance/score-history'

let id = 0
const scan = (at: string, kind: ScanPoint['kind'], score: number | null, broken = false): ScanPoint =>
  ({ id: ++id, serviceId: 1, scannedAt: new Date(at), kind, score, grade: score === null ? null : 'B', broken, imageDigest: null })
const d = (s: string) => new Date(`${s}T00:00:00Z`)
const window = { from: d('2026-03-01'), to: d('2026-04-01') }
const previous = { from: d('2026-01-29'), to: d('2026-03-01') }
const buckets = [{ key: '2026-03-01', start: d('2026-03-01'), end: d('2026-03-16') }, { key: '2026-03-16', start: d('2026-03-16'), end: d('2026-04-01') }]

describe('compliance metric', () => {
  it('no scanned service is no data, never 0 or 100', () => {
    const m = complianceMetric([{ slug: 'a', scans: [] }], window, previous, buckets)
    expect(m).toMatchObject({ headline: null, components: { c: null, v: null, p: null }, coverage: { scanned: 0, unscanned: ['a'] }, previous: { headline: null } })
    expect(m.series.map((p) => p.s)).toEqual([null, null])
    expect(m.change).toMatchObject({ absolute: null, direction: null, reason: 'no data in the previous period' })
  })

  it('counts a service only when scanned in the window, with its score as of the window end; the median over services', () => {
    const services: ServiceScans[] = [
      // C 81 and V 64 in the window: S = 72; a later scan after the window does not count
      { slug: 'a', scans: [scan('2026-03-02', 'config', 81), scan('2026-03-20', 'vulnerability', 64), scan('2026-04-02', 'vulnerability', 1)] },
      // scanned only before the window: no data now, 50 in the previous window
      { slug: 'b', scans: [scan('2026-02-10', 'vulnerability', 50)] },
      // C, V and P: S = cbrt(90 * 80 * 100)
      { slug: 'c', scans: [scan('2026-03-05', 'config', 90), scan('2026-03-05', 'vulnerability', 80), scan('2026-03-17', 'posture', 100)] },
      // broken: scanned, no S
      { slug: 'd', scans: [scan('2026-03-03', 'config', null, true)] },
    ]
    const m = complianceMetric(services, window, previous, buckets)
    const sc = Math.cbrt(90 * 80 * 100)
    expect(m.headline).toBeCloseTo((72 + sc) / 2, 9)
    expect(m.components).toEqual({ c: (81 + 90) / 2, v: (64 + 80) / 2, p: 100 })
    expect(m.coverage).toEqual({ services: 4, scanned: 3, broken: 1, config: 3, vulnerability: 2, posture: 1, unscanned: ['b'] })
    // first half: a has C 81 only (S 81), c has sqrt(90 * 80)
    expect(m.series[0]!.s).toBeCloseTo((81 + Math.sqrt(90 * 80)) / 2, 9)
    expect(m.series[1]!.s).toBeCloseTo((72 + sc) / 2, 9)
    expect(m.previous).toEqual({ headline: 50, scanned: 1 })
    expect(m.change).toMatchObject({ previous: 50, direction: 'better' })
    expect(m.change.absolute).toBeCloseTo((72 + sc) / 2 - 50, 9)
  })
})
