import { route } from '@/lib/http/route'
import { outcomeStatus } from '@/lib/ingest/outcome'
import { readScanRequest } from '@/lib/compliance/read-scan-request'
import { ingestScan } from '@/lib/compliance/ingest-scan'

export const dynamic = 'force-dynamic'

// POST /api/v1/scans – upload one scanner report (OpenSCAP XCCDF/ARF, Trivy, Grype, SARIF) for a service:
// the report as the body with the fields in the query string, or a multipart form (file + fields)
export const POST = route({ access: 'ingest', idempotent: true }, async ({ req, principal: caller }) => {
  const receivedAt = new Date()
  const { meta, body } = await readScanRequest(req)
  const { outcome, scan } = await ingestScan(caller, body, meta, receivedAt)
  return Response.json({ data: scan, outcome }, { status: outcomeStatus(outcome) })
})
