import dns from 'node:dns'
import { isMetadataAddress, parseAddress, refusedRange } from '@/lib/net/address-ranges'
import { addressAllowed, hostAllowed, normaliseHostName, type AllowList } from '@/lib/net/allow-list'

// Every outbound connection (probes now; notifications, OIDC discovery, Prometheus later) is aimed at an
// address this module chose: the name is resolved once, every address it has is judged, and the caller
// connects to the one returned (the connection's own lookup is pinned to it, so a DNS answer that changes
// between the check and the connect, a rebind, is never used).

export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>
export type OutboundPolicy = { allowList: AllowList; lookup?: LookupAll; lookupTimeoutMs?: number }
export type OutboundTarget = { host: string; address: string; family: 4 | 6; allowListed: boolean }

// The name is refused: it is, or resolves to, an address of this machine's own networks.
export class OutboundRefused extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'OutboundRefused'
  }
}

// The name does not resolve (or not in time): nothing to refuse, and nothing to connect to.
export class OutboundUnresolved extends Error {
  constructor(readonly host: string) {
    super(`${host} does not resolve`)
    this.name = 'OutboundUnresolved'
  }
}

// getaddrinfo, as the http and net modules would use it (hosts file first, then DNS)
export const systemLookup: LookupAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true })

// Names that stand for the metadata service whatever they resolve to here.
const METADATA_NAMES = new Set(['metadata.google.internal', 'metadata.goog', 'metadata'])
export const isMetadataName = (host: string) => METADATA_NAMES.has(host)

// A TCP check's host as typed, in the form a URL would give it: WHATWG URL parsing turns every IPv4
// spelling (2130706433, 0177.0.0.1, 0x7f.1, 127.1) into the dotted quad and IPv6 into its short form, so
// the judging below sees one spelling. getaddrinfo would accept those spellings too, which is why it is done.
export function normaliseHost(raw: string): string {
  const t = raw.trim()
  if (!/^[A-Za-z0-9._-]+$/.test(t) && !/^\[?[0-9A-Fa-f:.]+\]?$/.test(t)) throw new OutboundRefused('is not a host name or an IP address')
  const literal = t.includes(':') && !t.startsWith('[') ? `[${t}]` : t
  try {
    return hostOfUrl(new URL(`http://${literal}/`))
  } catch {
    throw new OutboundRefused('is not a host name or an IP address')
  }
}

// The URL's host without IPv6 brackets and without the root dot.
export function hostOfUrl(url: URL): string {
  const h = url.hostname
  return normaliseHostName(h.startsWith('[') ? h.slice(1, -1) : h)
}

function judge(addr: string, list: AllowList, nameAllowed: boolean, viaName: boolean): { allowListed: boolean } {
  const parsed = parseAddress(addr)
  if (!parsed) throw new OutboundRefused(`resolves to something that is not an IP address`)
  const where = viaName ? 'resolves to' : 'is'
  if (isMetadataAddress(parsed)) throw new OutboundRefused(`${where} a cloud metadata address`)
  if (nameAllowed || addressAllowed(list, parsed)) return { allowListed: true }
  const range = refusedRange(parsed)
  if (range) throw new OutboundRefused(`${where} ${/^[aeio]|^un(?!i)/.test(range) ? 'an' : 'a'} ${range} address (not on the outbound allow-list)`)
  return { allowListed: false }
}

// The address to connect to for `host` (a normalised host: hostOfUrl or normaliseHost), or OutboundRefused
// when any address the name has is refused (a name with one public and one private address is refused too:
// the connection could use either), or OutboundUnresolved.
export async function resolveOutbound(host: string, policy: OutboundPolicy): Promise<OutboundTarget> {
  const list = policy.allowList
  if (parseAddress(host)) {
    const { allowListed } = judge(host, list, false, false)
    const addr = parseAddress(host)!
    return { host, address: addr.toString(), family: addr.kind() === 'ipv4' ? 4 : 6, allowListed }
  }
  if (isMetadataName(host)) throw new OutboundRefused('is a cloud metadata name')
  const addresses = await lookupInTime(host, policy)
  if (addresses.length === 0) throw new OutboundUnresolved(host)
  const nameAllowed = hostAllowed(list, host)
  const verdicts = addresses.map((a) => judge(a.address, list, nameAllowed, true))
  const first = addresses[0]!
  return { host, address: first.address, family: first.family === 6 ? 6 : 4, allowListed: verdicts.every((v) => v.allowListed) }
}

async function lookupInTime(host: string, policy: OutboundPolicy) {
  const lookup = policy.lookup ?? systemLookup
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OutboundUnresolved(host)), policy.lookupTimeoutMs ?? 5000)
  })
  try {
    return await Promise.race([lookup(host), timeout])
  } catch (err) {
    if (err instanceof OutboundUnresolved) throw err
    const code = (err as { code?: string }).code
    if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'EAI_AGAIN') throw new OutboundUnresolved(host)
    throw err
  } finally {
    clearTimeout(timer)
  }
}
