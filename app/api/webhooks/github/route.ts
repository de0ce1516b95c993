import { route } from '@/lib/http/route'
import { receiveGithubDelivery } from '@/lib/github/receive-delivery'

export const dynamic = 'force-dynamic'

// POST /api/webhooks/github – signed GitHub deliveries (every connection's secret is tried); 202 once stored
export const POST = route({ access: 'public', signed: true }, async ({ req }) => Response.json(await receiveGithubDelivery(req), { status: 202 }))
