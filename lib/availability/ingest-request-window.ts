import { withTransaction } from '@/lib/db'
import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { insertIngestLog } from '@/lib/queries/insert-ingest-log'
import { replaceRequestWindow } from '@/lib/queries/requests/replace-request-window'
import type { RawRequest } from '@/lib/ingest/ingest-deployments'
import type { IngestOutcome } from '@/lib/ingest/outcome'
import type { RequestWindowBody } from '@/lib/validation/request-window'

// A pushed window of request counts: stored in place of every window of the service it overlaps, in one
// transaction with its ingest log. The same window sent again is 'unchanged'; one replacing others 'updated'.
export async function ingestRequestWindow(caller: Caller, body: RequestWindowBody, request: RawRequest) {
  return withTransaction(async (tx) => {
    const service = await findOrCreateService(tx, caller.teamId, { slug: body.service })
    assertTeam(caller, service.teamId, `service "${service.slug}"`)
    const { replaced, unchanged } = await replaceRequestWindow(tx, { serviceId: service.id, from: body.from, to: body.to, good: body.good, total: body.total, source: 'api' })
    const outcome: IngestOutcome = unchanged ? 'unchanged' : replaced > 0 ? 'updated' : 'created'
    await insertIngestLog(tx, { source: 'api', kind: 'availability', tokenId: caller.tokenId, rawBody: request.raw, outcome, receivedAt: request.receivedAt })
    return {
      outcome,
      result: { service: service.slug, indicator: 'requests' as const, from: body.from, to: body.to, good: body.good, total: body.total, replacedWindows: replaced },
    }
  })
}
