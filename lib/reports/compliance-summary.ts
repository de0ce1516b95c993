import type { Grade } from '@/lib/compliance/compliance-score'
import type { FindingCounts } from '@/lib/queries/reports/count-findings'
import { median } from '@/lib/compliance/score-history'

export type ComplianceServiceRow = {
  service: string
  s: number | null
  grade: Grade | null
  lastScanAt: Date | null
  openCritical: number
  openHigh: number
  remediated: number
  remediationMedianSeconds: number | null
}

export type ComplianceSummary = {
  // median S over the scanned services, as the compliance page's organisation score
  score: number | null
  openCritical: number
  openHigh: number
  remediated: number
  remediationMedianSeconds: number | null
  services: ComplianceServiceRow[]
}

type Scored = { slug: string; current: { s: number | null; grade: Grade | null }; lastScanAt: Date }

// Scores (the compliance overview's current S and grade) next to the findings counted for the window.
export function summarizeCompliance(services: { id: number; slug: string }[], scored: Scored[], counts: FindingCounts[]): ComplianceSummary {
  const scoreOf = new Map(scored.map((s) => [s.slug, s]))
  const countOf = new Map(counts.map((c) => [c.serviceId, c]))
  const rows = services.map((svc): ComplianceServiceRow => {
    const sc = scoreOf.get(svc.slug)
    const c = countOf.get(svc.id)
    return {
      service: svc.slug, s: sc?.current.s ?? null, grade: sc?.current.grade ?? null, lastScanAt: sc?.lastScanAt ?? null,
      openCritical: c?.openCritical ?? 0, openHigh: c?.openHigh ?? 0, remediated: c?.remediated ?? 0, remediationMedianSeconds: c?.remediationMedian ?? null,
    }
  })
  const total = countOf.get(null)
  return {
    score: median(rows.flatMap((r) => (r.s === null ? [] : [r.s]))),
    openCritical: total?.openCritical ?? 0,
    openHigh: total?.openHigh ?? 0,
    remediated: total?.remediated ?? 0,
    remediationMedianSeconds: total?.remediationMedian ?? null,
    services: rows,
  }
}
