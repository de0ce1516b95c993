import { parseBody, route } from '@/lib/http/route'
import { sendTestNotification } from '@/lib/settings/manage-notification-channels'
import { channelParams } from '@/lib/validation/notifications'

export const dynamic = 'force-dynamic'

// POST /api/settings/notification-channels/<id>/test – queue a test message to this channel (see its delivery log)
export const POST = route({ access: 'maintain' }, async ({ principal, params }) => {
  const { id } = parseBody(channelParams, params)
  return Response.json({ data: await sendTestNotification(principal, id) }, { status: 202 })
})
