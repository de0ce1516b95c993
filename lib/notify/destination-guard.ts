import { validationError } from '@/lib/errors/app-error'
import { loadAllowList } from '@/lib/net/load-allow-list'
import { parseAddress } from '@/lib/net/address-ranges'
import { hostAllowed } from '@/lib/net/allow-list'
import {
  hostOfUrl, isMetadataName, normaliseHost, OutboundRefused, OutboundUnresolved, resolveOutbound, type OutboundPolicy,
} from '@/lib/net/resolve-outbound'

// The same outbound guard as the probes (lib/net): a channel's URL or SMTP host that is, or resolves to, a loopback,
// private, link-local or metadata address is refused unless an admin allow-listed it (Settings: "Internal targets").
// Judged when the channel is saved (a 422 naming the field) and again before every send (DNS answers change).

export async function notifyPolicy(): Promise<OutboundPolicy> {
  return { allowList: await loadAllowList() }
}

// Whether the host is allow-listed; OutboundRefused when it is refused, OutboundUnresolved when it has no address.
export async function judgeHost(host: string, policy: OutboundPolicy): Promise<boolean> {
  if (!parseAddress(host) && !isMetadataName(host) && hostAllowed(policy.allowList, host)) return true
  return (await resolveOutbound(host, policy)).allowListed
}

// Plain http (or SMTP without TLS) would carry a webhook's token or a password in the clear: internal,
// allow-listed hosts only.
export async function assertDestinationAllowed(d: { field: string; url?: string; host?: string; plain: boolean }, policy: OutboundPolicy): Promise<void> {
  let allowListed = false
  try {
    const host = d.url !== undefined ? hostOfUrl(new URL(d.url)) : normaliseHost(d.host!)
    allowListed = await judgeHost(host, policy)
  } catch (err) {
    if (err instanceof OutboundRefused) throw validationError([{ path: d.field, message: err.reason }])
    // a name that does not resolve (yet) is kept: its sends fail, and say so in the delivery log, until it does
    if (!(err instanceof OutboundUnresolved)) throw err
  }
  if (d.plain && !allowListed) {
    const message = d.url !== undefined ? 'must be https:// (plain http only for hosts on the outbound allow-list)'
      : 'needs TLS (starttls or tls): "none" only for hosts on the outbound allow-list'
    throw validationError([{ path: d.url !== undefined ? d.field : 'security', message }])
  }
}
