import { z } from 'zod'
import { createFirstAdmin } from '@/lib/auth/first-admin'
import { parseBody, route } from '@/lib/http/route'
import { readJsonBody } from '@/lib/http/read-json-body'

export const dynamic = 'force-dynamic'

const setupBody = z.strictObject({
  token: z.string().min(1).max(200),
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  password: z.string().min(10).max(256),
})

// POST /api/setup – create the first admin with the one-time link printed at the first start
export const POST = route({ access: 'public', signed: true }, async ({ req }) => {
  const body = parseBody(setupBody, (await readJsonBody(req)).value)
  await createFirstAdmin(body)
  return Response.json({ created: true }, { status: 201 })
})
