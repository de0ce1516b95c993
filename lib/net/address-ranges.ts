import ipaddr from 'ipaddr.js'

// Why an address is refused as an outbound target, or null when it is a public unicast address.
export type RefusedRange =
  | 'loopback' | 'private' | 'link-local' | 'unique-local' | 'carrier-grade NAT' | 'multicast' | 'unspecified'
  | 'broadcast' | 'reserved' | 'cloud metadata'

// Instance-metadata endpoints (AWS, GCP, Azure, OpenStack: 169.254.169.254; AWS IPv6: fd00:ec2::254; ECS task
// metadata: 169.254.170.2; Alibaba: 100.100.100.200). Never allow-listable: they hand out the machine's credentials.
const METADATA = ['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254'].map((a) => ipaddr.parse(a).toNormalizedString())

// ipaddr.js range names -> ours. Everything but "unicast" is refused; IPv6 forms that carry an IPv4 address
// (::ffff:a.b.c.d, NAT64 64:ff9b::/96) are judged by the IPv4 address inside (rangeOf unwraps them first).
const NAMES: Record<string, RefusedRange> = {
  loopback: 'loopback', private: 'private', linkLocal: 'link-local', uniqueLocal: 'unique-local', carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast', unspecified: 'unspecified', broadcast: 'broadcast',
}

export type ParsedAddress = ipaddr.IPv4 | ipaddr.IPv6

export function parseAddress(text: string): ParsedAddress | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text
  return ipaddr.isValid(bare) ? ipaddr.parse(bare) : null
}

// The IPv4 address an IPv6 address stands for (IPv4-mapped, NAT64), else the address itself.
export function unwrap(addr: ParsedAddress): ParsedAddress {
  if (addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6
    if (v6.isIPv4MappedAddress()) return v6.toIPv4Address()
    if (v6.range() === 'rfc6052') return ipaddr.fromByteArray(v6.toByteArray().slice(12))
  }
  return addr
}

export function isMetadataAddress(addr: ParsedAddress): boolean {
  return METADATA.includes(unwrap(addr).toNormalizedString()) || METADATA.includes(addr.toNormalizedString())
}

export function refusedRange(addr: ParsedAddress): RefusedRange | null {
  if (isMetadataAddress(addr)) return 'cloud metadata'
  const inner = unwrap(addr)
  const range = inner.range()
  // ::a.b.c.d (IPv4-compatible, deprecated by RFC 4291) is "unicast" to ipaddr.js; nothing public lives there
  if (range === 'unicast' && inner.kind() === 'ipv6' && inner.toByteArray().slice(0, 12).every((b) => b === 0)) return 'reserved'
  if (range === 'unicast') return null
  return NAMES[range] ?? 'reserved'
}
