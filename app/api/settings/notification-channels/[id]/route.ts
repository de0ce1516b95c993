import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { changeNotificationChannel, removeNotificationChannel } from '@/lib/settings/manage-notification-channels'
import { channelParams, updateChannelSchema } from '@/lib/validation/notifications'

export const dynamic = 'force-dynamic'

// PATCH /api/settings/notification-channels/<id> – rename, choose the kinds received, turn on or off
export const PATCH = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const { id } = parseBody(channelParams, params)
  const input = parseBody(updateChannelSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await changeNotificationChannel(principal, auditContextOf(principal, req), id, input) })
})

// DELETE /api/settings/notification-channels/<id> – remove a channel and its delivery log
export const DELETE = route({ access: 'maintain' }, async ({ req, principal, params }) => {
  const { id } = parseBody(channelParams, params)
  return Response.json({ data: await removeNotificationChannel(principal, auditContextOf(principal, req), id) })
})
