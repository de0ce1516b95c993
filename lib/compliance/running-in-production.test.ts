import { describe, expect, it } from 'vitest'
import { runningInProduction } from '@/lib/compliance/running-in-production'
import type { ProductionImage } from '@/lib/queries/compliance/list-production-images'

const at = new Date('2026-06-01T00:00:00Z')
const image = (serviceId: number, counts: Partial<ProductionImage>, scanned = true): ProductionImage => ({
  serviceId, digest: `sha256:${String(serviceId).repeat(64)}`, deployedAt: at, scannedAt: scanned ? at : null,
  critical: 0, high: 0, medium: 0, low: 0, other: 0, open: 0, fixable: 0, ...counts,
})
const services = [1, 2, 3, 4].map((id) => ({ id, slug: `s${id}`, team: 't' }))

describe('running in production', () => {
  it('vulnerable, clean and never scanned apart; no digest is no image; totals over the scanned images only', () => {
    const r = runningInProduction(services, [
      image(1, { high: 2, low: 1, open: 3, fixable: 2 }),
      image(2, {}),
      image(3, {}, false),
    ])
    expect(r.images.map((i) => [i.service, i.status])).toEqual([['s1', 'vulnerable'], ['s2', 'clean'], ['s3', 'unscanned']])
    expect(r.summary).toEqual({
      running: 3, vulnerable: 1, clean: 1, unscanned: 1, withoutImage: ['s4'],
      findings: { critical: 0, high: 2, medium: 0, low: 1, other: 0, open: 3, fixable: 2 },
    })
  })

  it('lists the most critical image first', () => {
    const r = runningInProduction(services, [image(1, { high: 9, open: 9 }), image(2, { critical: 1, open: 1 }), image(3, { high: 9, open: 12 })])
    expect(r.images.map((i) => i.service)).toEqual(['s2', 's3', 's1'])
  })

  it('no service with a production image: nothing running, not "all clean"', () => {
    const r = runningInProduction(services.slice(0, 1), [])
    expect(r.summary).toMatchObject({ running: 0, vulnerable: 0, clean: 0, unscanned: 0, withoutImage: ['s1'] })
  })
})
