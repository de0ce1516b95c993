import { route, parseBody } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { ingestPullRequest } from '@/lib/ingest/ingest-pull-request'
import { outcomeStatus } from '@/lib/ingest/outcome'
import { pullRequestBodySchema } from '@/lib/validation/pull-requests'

export const dynamic = 'force-dynamic'

// POST /api/v1/pull-requests – create or update a pull request by service and number (hosts without a connector)
export const POST = route({ access: 'ingest', idempotent: true }, async ({ req, principal: caller }) => {
  const receivedAt = new Date()
  const body = await readJsonBody(req)
  const input = parseBody(pullRequestBodySchema, body.value)
  const { outcome, pullRequest } = await ingestPullRequest(caller, input, { raw: body.raw, receivedAt, kind: 'pull_request' })
  return Response.json({ data: pullRequest, outcome }, { status: outcomeStatus(outcome) })
})
