import { parseBody, route } from '@/lib/http/route'
import { channelDeliveries } from '@/lib/settings/manage-notification-channels'
import { channelParams, deliveriesQuery } from '@/lib/validation/notifications'

export const dynamic = 'force-dynamic'

// GET /api/settings/notification-channels/<id>/deliveries – the channel's delivery log, newest attempt first
export const GET = route({ access: 'dashboard', query: deliveriesQuery }, async ({ principal, params, query }) => {
  const { id } = parseBody(channelParams, params)
  return Response.json({ data: await channelDeliveries(principal, id, query.limit) })
})
