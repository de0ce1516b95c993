import type { AuditWho } from '@/lib/settings/audit-who'
import { withTransaction } from '@/lib/db'
import { recordAuditEvent } from '@/lib/queries/audit-log'
import { deleteOutboundAllow, insertOutboundAllow, type OutboundAllowRow } from '@/lib/queries/settings/outbound-allow'
import type { OutboundAllowBody } from '@/lib/validation/outbound-allow'

// Admins only (the routes' rule). Each change and its audit event commit together; the worker picks the
// list up at its next reload of the checks (30 s), new and changed checks at once.
export async function addOutboundAllow(who: AuditWho, input: OutboundAllowBody): Promise<OutboundAllowRow> {
  return withTransaction(async (tx) => {
    const row = await insertOutboundAllow(input, tx)
    await recordAuditEvent({ ...who, action: 'outbound-allow.add', target: { type: 'outbound-allow', id: row.id }, details: input }, tx)
    return row
  })
}

export async function removeOutboundAllow(who: AuditWho, id: number): Promise<OutboundAllowRow> {
  return withTransaction(async (tx) => {
    const row = await deleteOutboundAllow(id, tx)
    await recordAuditEvent({ ...who, action: 'outbound-allow.remove', target: { type: 'outbound-allow', id }, details: { entry: row.entry } }, tx)
    return row
  })
}
