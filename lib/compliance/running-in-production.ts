import type { ProductionImage, SeverityCounts } from '@/lib/queries/compliance/list-production-images'

// "Vulnerable images running in production now" (issue 23 item 4), per service and for the scope: the image
// of each service's latest successful production deployment and the findings of its latest scan. Pure: the
// query fetches. An image never scanned is unknown, never clean; a service whose deployments name no
// digest has no known image at all. Neither counts as vulnerable or as clean.

export type RunningImage = Omit<ProductionImage, 'serviceId'> & { service: string; team: string; status: 'vulnerable' | 'clean' | 'unscanned' }

export type RunningInProduction = {
  images: RunningImage[]
  summary: {
    // services with a known production image, and of them: with open findings, with none, never scanned
    running: number
    vulnerable: number
    clean: number
    unscanned: number
    // services of the scope whose production deployments name no image digest
    withoutImage: string[]
    // open findings over the scanned running images
    findings: SeverityCounts & { open: number; fixable: number }
  }
}

type Service = { id: number; slug: string; team: string }

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'other'] as const
// worst first: the most critical, then high, then all open findings
const worstFirst = (a: RunningImage, b: RunningImage) => b.critical - a.critical || b.high - a.high || b.open - a.open || a.service.localeCompare(b.service)

export function runningInProduction(services: Service[], rows: ProductionImage[]): RunningInProduction {
  const byId = new Map(rows.map((r) => [r.serviceId, r]))
  const images: RunningImage[] = services.flatMap((s) => {
    const r = byId.get(s.id)
    if (!r) return []
    const { serviceId: _id, ...image } = r
    return [{ ...image, service: s.slug, team: s.team, status: r.scannedAt === null ? 'unscanned' : r.open > 0 ? 'vulnerable' : 'clean' } as RunningImage]
  }).sort(worstFirst)
  const scanned = images.filter((i) => i.status !== 'unscanned')
  const sum = (key: keyof SeverityCounts | 'open' | 'fixable') => scanned.reduce((n, i) => n + i[key], 0)
  return {
    images,
    summary: {
      running: images.length,
      vulnerable: images.filter((i) => i.status === 'vulnerable').length,
      clean: images.filter((i) => i.status === 'clean').length,
      unscanned: images.filter((i) => i.status === 'unscanned').length,
      withoutImage: services.filter((s) => !byId.has(s.id)).map((s) => s.slug),
      findings: { ...Object.fromEntries(SEVERITIES.map((k) => [k, sum(k)])) as SeverityCounts, open: sum('open'), fixable: sum('fixable') },
    },
  }
}
