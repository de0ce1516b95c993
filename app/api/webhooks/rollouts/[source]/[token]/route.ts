import { route } from '@/lib/http/route'
import { receiveRolloutEvent } from '@/lib/rollout-sources/receive-rollout-event'

export const dynamic = 'force-dynamic'

// POST /api/webhooks/rollouts/<source id>/<token> – a Flagger event webhook, whose URL carries the token
// (Flagger sends no headers of its own choosing; docs/strategies.md); 200 with what became of it
export const POST = route({ access: 'public', signed: true }, async ({ req, params }) => (
  Response.json({ data: await receiveRolloutEvent(req, params.source, params.token) })
))
