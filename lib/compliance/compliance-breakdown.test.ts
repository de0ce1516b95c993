import { describe, expect, it } from 'vitest'
import { complianceBreakdown, type BreakdownService } from '@/lib/compliance/compliance-breakdown'
import type { ScanPoint } from '@/lib/compliance/score-history'

let id = 0
const scan = (at: string, kind: ScanPoint['kind'], score: number | null, broken = false): ScanPoint =>
  ({ id: ++id, serviceId: 1, scannedAt: new Date(`${at}T00:00:00Z`), kind, score, grade: score === null ? null : 'B', broken, imageDigest: null })
const window = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') }
const previous = { from: new Date('2026-01-29T00:00:00Z'), to: window.from }
const service = (slug: string, team: string, scans: ScanPoint[]): BreakdownService =>
  ({ slug, name: slug.toUpperCase(), team, teamName: `Team ${team}`, scans })

describe('compliance breakdown', () => {
  const services = [
    // S = sqrt(81 x 64) = 72; the config scan of February still counts (latest before the end); April's does not
    service('a', 'red', [scan('2026-02-10', 'config', 81), scan('2026-03-20', 'vulnerability', 64), scan('2026-04-02', 'vulnerability', 1)]),
    service('b', 'red', [scan('2026-03-05', 'vulnerability', 90)]),
    // scanned before the window only: no data, listed last
    service('c', 'blue', [scan('2026-02-01', 'vulnerability', 10)]),
    service('d', 'green', [scan('2026-03-03', 'config', null, true)]),
  ]
  const b = complianceBreakdown(services, window, previous)

  it('per service: S as of the window end when scanned in it, worst first, no data last; the scans behind it', () => {
    expect(b.byService.map((r) => [r.slug, r.point?.s ?? null])).toEqual([['a', 72], ['b', 90], ['c', null], ['d', null]])
    expect(b.byService[0]!.scans.map((s) => [s.kind, s.scannedAt.toISOString().slice(0, 10), s.score])).toEqual([
      ['config', '2026-02-10', 81], ['vulnerability', '2026-03-20', 64]])
    expect(b.byService.find((r) => r.slug === 'c')!.scans).toEqual([])
    expect(b.byService.find((r) => r.slug === 'd')!.point).toMatchObject({ broken: true, s: null })
  })

  it('per team: the median S of its scanned services, with how many were scanned; none is no data', () => {
    expect(b.byTeam).toEqual([
      { slug: 'red', name: 'Team red', s: 81, scanned: 2, services: 2, broken: 0 },
      { slug: 'blue', name: 'Team blue', s: null, scanned: 0, services: 1, broken: 0 },
      { slug: 'green', name: 'Team green', s: null, scanned: 1, services: 1, broken: 1 },
    ])
  })
})
