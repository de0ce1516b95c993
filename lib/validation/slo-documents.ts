import { z } from 'zod'
import { slugSchema } from '@/lib/validation/common'

// GET /api/v1/slos/export: a team's SLOs as OpenSLO v1, or one service's.
export const exportSlosQuery = z.strictObject({
  team: slugSchema.optional().describe('Team slug; a team token reads its own team, a signed-in person names one.'),
  service: slugSchema.optional(),
})

// POST /api/v1/slos/import?team=: which team's service a signed-in person means, when several have the slug.
export const importSlosQuery = z.strictObject({ team: slugSchema.optional() })
