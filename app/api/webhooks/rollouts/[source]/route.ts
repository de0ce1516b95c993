import { route } from '@/lib/http/route'
import { receiveRolloutEvent } from '@/lib/rollout-sources/receive-rollout-event'

export const dynamic = 'force-dynamic'

// POST /api/webhooks/rollouts/<source id> – an Argo Rollouts (or Flagger) event, the source's token in
// Authorization: Bearer or X-Plimsoll-Token (docs/strategies.md); 200 with what became of it
export const POST = route({ access: 'public', signed: true }, async ({ req, params }) => (
  Response.json({ data: await receiveRolloutEvent(req, params.source) })
))
