import { z } from 'zod'
import { slugSchema } from '@/lib/validation/common'
import { ROLLOUT_SOURCE_KINDS } from '@/lib/rollout-sources/rollout-event'

// POST /api/settings/rollout-sources: a team's Flagger or Argo Rollouts. Neither signs its deliveries, so
// the source has a token: Plimsoll makes one unless one is given.
export const createRolloutSourceSchema = z.strictObject({
  team: slugSchema,
  kind: z.enum(ROLLOUT_SOURCE_KINDS),
  name: z.string().trim().min(1).max(100),
  token: z.string().trim().min(16, 'must be at least 16 characters').max(500)
    .regex(/^[A-Za-z0-9._~-]+$/, 'must be URL-safe: letters, digits, ".", "_", "~" or "-"')
    .optional().describe('The token the tool sends (in the URL path for Flagger); made when left out.'),
})
export type CreateRolloutSourceBody = z.infer<typeof createRolloutSourceSchema>

export const rolloutSourceParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) })
