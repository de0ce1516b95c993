import { listScannedServices, type ScannedServiceFilter } from '@/lib/queries/compliance/list-scan-points'
import { listProductionImages } from '@/lib/queries/compliance/list-production-images'
import { runningInProduction, type RunningInProduction } from '@/lib/compliance/running-in-production'

// The images running in production now for the compliance page: every service of the filter (scanned or
// not: an image nobody scanned is the one to know about).
export async function getRunningInProduction(filter: Omit<ScannedServiceFilter, 'unscanned'>): Promise<RunningInProduction> {
  const services = await listScannedServices({ ...filter, unscanned: true })
  const images = await listProductionImages(services.map((s) => s.serviceId))
  return runningInProduction(services.map((s) => ({ id: s.serviceId, slug: s.slug, team: s.team })), images)
}
