import { route } from '@/lib/http/route'
import { pingDatabase } from '@/lib/queries/ping-database'

export const dynamic = 'force-dynamic'

// GET /api/health – 200 when the app can reach its database (docker healthcheck, test harness)
export const GET = route({ access: 'public' }, async () => {
  await pingDatabase()
  return Response.json({ status: 'ok' })
})
