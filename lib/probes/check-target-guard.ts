import { validationError } from '@/lib/http/app-error'
import { parseAddress } from '@/lib/net/address-ranges'
import { hostAllowed } from '@/lib/net/allow-list'
import { hostOfUrl, isMetadataName, normaliseHost, OutboundRefused, OutboundUnresolved, resolveOutbound, type OutboundPolicy } from '@/lib/net/resolve-outbound'
import type { ProbeCheckBody } from '@/lib/validation/availability'

// A check's target judged when it is created or changed (every run judges it again: DNS answers change):
// an internal address is a 422 on `url` or `host` with the reason; `bodyContains` only for allow-listed targets.
export async function assertCheckTargetAllowed(body: ProbeCheckBody, policy: OutboundPolicy): Promise<void> {
  const field = body.kind === 'http' ? 'url' : 'host'
  const allowListed = await judgeTarget(body, policy).catch((err: unknown) => {
    if (err instanceof OutboundRefused) throw validationError([{ path: field, message: `${err.reason}` }])
    throw err
  })
  if (body.kind === 'http' && body.bodyContains !== undefined && !allowListed) {
    throw validationError([{ path: 'bodyContains', message: 'is accepted only for targets on the outbound allow-list (Settings, admins)' }])
  }
}

// whether the target is on the allow-list; OutboundRefused when it is refused
async function judgeTarget(body: ProbeCheckBody, policy: OutboundPolicy): Promise<boolean> {
  const host = body.kind === 'http' ? hostOfUrl(new URL(body.url)) : normaliseHost(body.host)
  // a name the admins listed is trusted as it is (its addresses are judged at every run)
  if (!parseAddress(host) && !isMetadataName(host) && hostAllowed(policy.allowList, host)) return true
  try {
    return (await resolveOutbound(host, policy)).allowListed
  } catch (err) {
    // a name that does not resolve (yet) is accepted; its runs report it down until it does
    if (err instanceof OutboundUnresolved) return false
    throw err
  }
}
