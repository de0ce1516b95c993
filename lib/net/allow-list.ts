import ipaddr from 'ipaddr.js'
import { parseAddress, unwrap, type ParsedAddress } from '@/lib/net/address-ranges'

// An admin's allow-list entry: a host name ("status.corp.example", or "*.corp.example" for its subdomains),
// or an address range ("10.20.0.0/16", "fd12:3456::/48", or one address). Stored as text in outbound_allow.
export type AllowEntry = { kind: 'host'; host: string } | { kind: 'cidr'; range: [ParsedAddress, number] }

export type AllowList = { entries: AllowEntry[] }

export const emptyAllowList: AllowList = { entries: [] }

// Host names compare lower-case and without the root dot ("Status.Corp.Example." is "status.corp.example").
export function normaliseHostName(host: string): string {
  return host.toLowerCase().replace(/\.$/, '')
}

// null when the text is neither a host name nor an address range.
export function parseAllowEntry(text: string): AllowEntry | null {
  const t = text.trim()
  if (t.includes('/')) {
    try {
      return { kind: 'cidr', range: ipaddr.parseCIDR(t) }
    } catch {
      return null
    }
  }
  const addr = parseAddress(t)
  if (addr) return { kind: 'cidr', range: [addr, addr.kind() === 'ipv4' ? 32 : 128] }
  const host = normaliseHostName(t)
  return /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/.test(host) && host.length <= 253 ? { kind: 'host', host } : null
}

export function allowListOf(texts: string[]): AllowList {
  return { entries: texts.map(parseAllowEntry).filter((e): e is AllowEntry => e !== null) }
}

export function hostAllowed(list: AllowList, host: string): boolean {
  const name = normaliseHostName(host)
  return list.entries.some((e) => e.kind === 'host' && (e.host === name || (e.host.startsWith('*.') && name.endsWith(e.host.slice(1)))))
}

// An address inside an allowed range; an IPv4-mapped IPv6 address also matches the IPv4 range it carries.
export function addressAllowed(list: AllowList, addr: ParsedAddress): boolean {
  const forms = [addr, unwrap(addr)]
  return list.entries.some((e) => e.kind === 'cidr' && forms.some((a) => a.kind() === e.range[0].kind() && a.match(e.range)))
}

// The entry's stored spelling: "status.corp.example", "10.20.0.0/16" (the network address), "127.0.0.1".
export function formatAllowEntry(e: AllowEntry): string {
  if (e.kind === 'host') return e.host
  const [addr, bits] = e.range
  const full = addr.kind() === 'ipv4' ? 32 : 128
  if (bits === full) return addr.toString()
  const network = addr.kind() === 'ipv4' ? ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${bits}`)
  return `${network.toString()}/${bits}`
}
