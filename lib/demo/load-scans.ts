import { Readable } from 'node:stream'
import type pg from 'pg'
import { storeScan } from '@/lib/compliance/ingest-scan'
import { parseScanStream, type ScanBody } from '@/lib/compliance/parse-scan'
import type { Caller } from '@/lib/auth/resolve-caller'
import { buildOrganisation } from './organisation'
import { demoScans } from './scan-documents'

export type DemoUpload = { caller: Caller; service: string; scannedAt: Date; body: ScanBody }

/** The demo's scan reports read by the upload parser (each document once; it needs no database). */
export async function parseDemoScans(now: number): Promise<DemoUpload[]> {
  const { organisation } = buildOrganisation()
  const teams = new Map(organisation.teams.map((t) => [t.id, t.slug]))
  const parsed = new Map<string, Promise<ScanBody>>()
  const uploads: DemoUpload[] = []
  for (const scan of demoScans(now)) {
    const service = organisation.services.find((s) => s.slug === scan.service)
    if (!service) throw new Error(`demo scan of unknown service ${scan.service}`)
    if (!parsed.has(scan.key)) parsed.set(scan.key, parseScanStream(Readable.from([scan.body()])))
    const caller = { tokenId: null, teamId: service.teamId, teamSlug: teams.get(service.teamId) ?? '' }
    uploads.push({ caller, service: service.slug, scannedAt: scan.scannedAt, body: await parsed.get(scan.key)! })
  }
  return uploads
}

/**
 * Stores the uploads as POST /api/v1/scans does (storeScan: scores, failing rules, findings first seen
 * and fixed), as the service's team, with the scan's time given like `?scannedAt=`, in order, in the
 * load's transaction on `client`.
 */
export async function ingestDemoScans(client: pg.ClientBase, uploads: DemoUpload[]): Promise<number> {
  let stored = 0
  for (const u of uploads) {
    const { outcome } = await storeScan(client, u.caller, u.body, { service: u.service, scannedAt: u.scannedAt }, u.scannedAt)
    if (outcome === 'created') stored++
  }
  return stored
}
