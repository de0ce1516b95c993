import { z } from 'zod'
import { formatAllowEntry, parseAllowEntry } from '@/lib/net/allow-list'

// POST /api/settings/outbound-allow: one host name or address range checks may reach although it is internal.
export const outboundAllowBodySchema = z.strictObject({
  entry: z.string().trim().min(1).max(300).transform((text, ctx) => {
    const parsed = parseAllowEntry(text)
    if (parsed) return formatAllowEntry(parsed)
    ctx.addIssue({ code: 'custom', message: 'must be a host name ("status.corp.example", "*.corp.example"), an IP address, or a CIDR range ("10.20.0.0/16")' })
    return z.NEVER
  }),
  note: z.string().trim().max(200).default('').describe('Why this target is allowed (shown in Settings).'),
})
export type OutboundAllowBody = z.infer<typeof outboundAllowBodySchema>
