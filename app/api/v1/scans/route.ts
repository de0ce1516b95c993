import { route } from '@/lib/http/route'
import { outcomeStatus } from '@/lib/ingest/outcome'
import { readScanRequest } from '@/lib/compliance/read-scan-request'
import { ingestScan } from '@/lib/compliance/ingest-scan'
import { scanUploadQuery } from '@/lib/validation/scans'

export const dynamic = 'force-dynamic'

// POST /api/v1/scans – upload one scanner report (OpenSCAP XCCDF/ARF, Trivy, Grype, SARIF) for a service
export const POST = route({ auth: 'token', idempotent: true, query: scanUploadQuery }, async ({ req, caller, query }) => {
  const receivedAt = new Date()
  const body = await readScanRequest(req, query.format)
  const { outcome, scan } = await ingestScan(caller, body, query, receivedAt)
  return Response.json({ data: scan, outcome }, { status: outcomeStatus(outcome) })
})
