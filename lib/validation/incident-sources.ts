import { z } from 'zod'
import { slugSchema } from '@/lib/validation/common'
import { INCIDENT_SOURCE_KINDS } from '@/lib/incident-sources/source-item'

// POST /api/settings/incident-sources: a team's incident tool. PagerDuty and incident.io make the signing
// secret when the webhook is created there (paste it here); for Opsgenie and Alertmanager Plimsoll makes a
// token unless one is given.
export const createIncidentSourceSchema = z
  .strictObject({
    team: slugSchema,
    kind: z.enum(INCIDENT_SOURCE_KINDS),
    name: z.string().trim().min(1).max(100),
    secret: z.string().trim().min(16, 'must be at least 16 characters').max(500).optional()
      .describe('PagerDuty: the subscription\'s secret; incident.io: the whsec_ signing secret; Opsgenie, Alertmanager: a token (made when left out).'),
  })
  .superRefine((b, ctx) => {
    if ((b.kind === 'pagerduty' || b.kind === 'incident_io') && !b.secret) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: `required for ${b.kind}: paste the signing secret the tool shows for the webhook` })
    }
    if (b.kind === 'incident_io' && b.secret && !/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(b.secret)) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'must be incident.io\'s signing secret, "whsec_" and base64' })
    }
  })
export type CreateIncidentSourceBody = z.infer<typeof createIncidentSourceSchema>

// POST /api/settings/incident-sources/<id>/rules: events whose service (id or name), tag or label matches go to a service.
export const createSourceRuleSchema = z
  .strictObject({
    match: z.enum(['service', 'tag', 'label']),
    key: z.string().trim().min(1).max(200).optional().describe('The label\'s name (match "label" only).'),
    value: z.string().trim().min(1).max(500),
    service: slugSchema,
  })
  .superRefine((b, ctx) => {
    if (b.match === 'label' && !b.key) ctx.addIssue({ code: 'custom', path: ['key'], message: 'required for a label rule: the label\'s name' })
    if (b.match !== 'label' && b.key) ctx.addIssue({ code: 'custom', path: ['key'], message: 'only label rules have a key' })
  })
export type CreateSourceRuleBody = z.infer<typeof createSourceRuleSchema>

const idSchema = z.coerce.number().int().positive().max(2_147_483_647)
export const sourceParams = z.object({ id: idSchema })
export const sourceRuleParams = z.object({ id: idSchema, ruleId: idSchema })
