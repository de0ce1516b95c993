import { auditContextOf } from '@/lib/audit/audit-context'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'
import { addNotificationChannel, notificationChannelsFor } from '@/lib/settings/manage-notification-channels'
import { createChannelSchema } from '@/lib/validation/notifications'

export const dynamic = 'force-dynamic'

// GET /api/settings/notification-channels – the readable teams' channels (destinations shown without their secrets)
export const GET = route({ access: 'dashboard' }, async ({ principal }) => Response.json({ data: await notificationChannelsFor(principal) }))

// POST /api/settings/notification-channels – add a Slack, Teams, e-mail or signed webhook channel (admins, the team's maintainers)
export const POST = route({ access: 'maintain' }, async ({ req, principal }) => {
  const input = parseBody(createChannelSchema, (await readJsonBody(req)).value)
  return Response.json({ data: await addNotificationChannel(principal, auditContextOf(principal, req), input) }, { status: 201 })
})
