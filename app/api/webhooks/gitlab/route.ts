import { route } from '@/lib/http/route'
import { receiveGitlabDelivery } from '@/lib/gitlab/receive-delivery'

export const dynamic = 'force-dynamic'

// POST /api/webhooks/gitlab – GitLab deliveries with a connection's X-Gitlab-Token; 202 once stored
export const POST = route({ access: 'public', signed: true }, async ({ req }) => Response.json(await receiveGitlabDelivery(req), { status: 202 }))
