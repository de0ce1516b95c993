import { allowListOf, type AllowList } from '@/lib/net/allow-list'
import { listOutboundAllow } from '@/lib/queries/settings/outbound-allow'

// The install's allow-list as stored by admins (Settings, /api/settings/outbound-allow).
export async function loadAllowList(): Promise<AllowList> {
  return allowListOf((await listOutboundAllow()).map((r) => r.entry))
}
