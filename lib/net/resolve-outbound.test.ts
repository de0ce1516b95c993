import { describe, expect, it } from 'vitest'
import { allowListOf, emptyAllowList } from '@/lib/net/allow-list'
import { hostOfUrl, normaliseHost, OutboundRefused, OutboundUnresolved, resolveOutbound, type LookupAll } from '@/lib/net/resolve-outbound'

// A resolver stub: names the tests make up, answered without any DNS traffic.
const NAMES: Record<string, string[]> = {
  'hosts-file.test': ['127.0.0.1'],
  'intranet.test': ['10.1.2.3'],
  'v6-loopback.test': ['::1'],
  'mapped.test': ['::ffff:169.254.169.254'],
  'metadata-alias.test': ['169.254.169.254'],
  'cgnat.test': ['100.64.7.7'],
  'public.test': ['93.184.215.14'],
  'public-v6.test': ['2606:4700::6810:84e5'],
  // one public and one private answer: the connection could take either
  'mixed.test': ['93.184.215.14', '10.0.0.1'],
  'status.corp.test': ['10.20.0.5'],
  'api.corp.test': ['10.20.0.6'],
}
const stub: LookupAll = async (host) => {
  const found = NAMES[host]
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
  return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
}

async function verdict(url: string, allow: string[] = []): Promise<string> {
  try {
    const t = await resolveOutbound(hostOfUrl(new URL(url)), { allowList: allowListOf(allow), lookup: stub })
    return t.allowListed ? `allowed (allow-list) ${t.address}` : `allowed ${t.address}`
  } catch (err) {
    if (err instanceof OutboundRefused || err instanceof OutboundUnresolved) return err.message
    throw err
  }
}

describe('outbound address guard: every spelling of an internal address is refused', () => {
  it.each([
    ['http://127.0.0.1/', 'is a loopback address'],
    ['http://127.0.0.1./', 'is a loopback address'],
    ['http://[::1]/', 'is a loopback address'],
    ['http://0.0.0.0/', 'is an unspecified address'],
    ['http://0/', 'is an unspecified address'],
    ['http://[::]/', 'is an unspecified address'],
    ['http://2130706433/', 'is a loopback address'],
    ['http://0177.0.0.1/', 'is a loopback address'],
    ['http://017700000001/', 'is a loopback address'],
    ['http://0x7f.1/', 'is a loopback address'],
    ['http://0x7f000001/', 'is a loopback address'],
    ['http://127.1/', 'is a loopback address'],
    ['http://%31%32%37.0.0.1/', 'is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', 'is a loopback address'],
    ['http://[0:0:0:0:0:ffff:7f00:1]/', 'is a loopback address'],
    ['http://[64:ff9b::7f00:1]/', 'is a loopback address'],
    ['http://[::127.0.0.1]/', 'is a reserved address'],
    ['http://10.0.0.1/', 'is a private address'],
    ['http://172.16.5.4/', 'is a private address'],
    ['http://192.168.1.1/', 'is a private address'],
    ['http://[::ffff:10.0.0.1]/', 'is a private address'],
    ['http://169.254.1.1/', 'is a link-local address'],
    ['http://[fe80::1]/', 'is a link-local address'],
    ['http://[fc00::1]/', 'is a unique-local address'],
    ['http://[fd12:3456::1]/', 'is a unique-local address'],
    ['http://100.64.0.1/', 'is a carrier-grade NAT address'],
    ['http://224.0.0.1/', 'is a multicast address'],
    ['http://[ff02::1]/', 'is a multicast address'],
    ['http://255.255.255.255/', 'is a broadcast address'],
    ['http://192.0.2.1/', 'is a reserved address'],
    ['http://198.51.100.7/', 'is a reserved address'],
    ['http://203.0.113.9/', 'is a reserved address'],
    ['http://240.0.0.1/', 'is a reserved address'],
    ['http://[2001:db8::1]/', 'is a reserved address'],
    ['http://169.254.169.254/latest/meta-data/', 'is a cloud metadata address'],
    ['http://2852039166/', 'is a cloud metadata address'],
    ['http://[::ffff:169.254.169.254]/', 'is a cloud metadata address'],
    ['http://[fd00:ec2::254]/', 'is a cloud metadata address'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'is a cloud metadata name'],
    ['http://METADATA.GOOGLE.INTERNAL./', 'is a cloud metadata name'],
  ])('%s %s', async (url, reason) => {
    expect(await verdict(url)).toMatch(new RegExp(`^${reason}\\b`))
  })

  it.each([
    ['http://hosts-file.test/', 'resolves to a loopback address'],
    ['http://HOSTS-FILE.test./', 'resolves to a loopback address'],
    ['http://v6-loopback.test/', 'resolves to a loopback address'],
    ['http://intranet.test/', 'resolves to a private address'],
    ['http://cgnat.test/', 'resolves to a carrier-grade NAT address'],
    ['http://mapped.test/', 'resolves to a cloud metadata address'],
    ['http://metadata-alias.test/', 'resolves to a cloud metadata address'],
    ['http://mixed.test/', 'resolves to a private address'],
  ])('a name resolving to an internal address: %s %s', async (url, reason) => {
    expect(await verdict(url)).toMatch(new RegExp(`^${reason}\\b`))
  })

  it('does not tell what an internal name resolves to, only which kind of address it is', async () => {
    expect(await verdict('http://intranet.test/')).not.toContain('10.1.2.3')
  })

  it('answers public addresses and names with the address to connect to, and unknown names as unresolved', async () => {
    expect(await verdict('https://93.184.215.14/')).toBe('allowed 93.184.215.14')
    expect(await verdict('https://public.test/health')).toBe('allowed 93.184.215.14')
    expect(await verdict('https://public-v6.test/')).toBe('allowed 2606:4700::6810:84e5')
    expect(await verdict('https://[2606:4700::1]/')).toBe('allowed 2606:4700::1')
    expect(await verdict('https://nowhere.test/')).toBe('nowhere.test does not resolve')
  })

  it('a name in /etc/hosts (localhost, through the system resolver) is judged by its address', async () => {
    await expect(resolveOutbound('localhost', { allowList: emptyAllowList })).rejects.toThrow(/^resolves to a loopback address/)
  })
})

describe('the admin allow-list', () => {
  it('allows ranges and names it lists, and nothing else', async () => {
    expect(await verdict('http://127.1/', ['127.0.0.0/8'])).toBe('allowed (allow-list) 127.0.0.1')
    expect(await verdict('http://[::ffff:127.0.0.1]/', ['127.0.0.1'])).toBe('allowed (allow-list) ::ffff:7f00:1')
    expect(await verdict('http://[::1]/', ['127.0.0.0/8'])).toMatch(/^is a loopback address/)
    expect(await verdict('http://status.corp.test/', ['status.corp.test'])).toBe('allowed (allow-list) 10.20.0.5')
    expect(await verdict('http://api.corp.test/', ['status.corp.test'])).toMatch(/^resolves to a private address/)
    expect(await verdict('http://api.corp.test/', ['*.corp.test'])).toBe('allowed (allow-list) 10.20.0.6')
    expect(await verdict('http://intranet.test/', ['10.0.0.0/8'])).toBe('allowed (allow-list) 10.1.2.3')
    // a public target is allowed without being on the list (bodyContains needs the list)
    expect(await verdict('http://public.test/', ['10.0.0.0/8'])).toBe('allowed 93.184.215.14')
  })

  it('never allows a metadata address, whatever the list says', async () => {
    expect(await verdict('http://169.254.169.254/', ['169.254.0.0/16', '169.254.169.254'])).toBe('is a cloud metadata address')
    expect(await verdict('http://metadata-alias.test/', ['metadata-alias.test'])).toBe('resolves to a cloud metadata address')
    expect(await verdict('http://metadata.google.internal/', ['metadata.google.internal'])).toBe('is a cloud metadata name')
  })
})

describe('normaliseHost (TCP checks)', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'], ['2130706433', '127.0.0.1'], ['0177.0.0.1', '127.0.0.1'], ['0x7f.1', '127.0.0.1'], ['127.1', '127.0.0.1'],
    ['::1', '::1'], ['[::1]', '::1'], ['::ffff:127.0.0.1', '::ffff:7f00:1'], ['DB.Example.', 'db.example'],
  ])('%s is %s', (raw, host) => {
    expect(normaliseHost(raw)).toBe(host)
  })

  it.each(['user@db', 'db/x', 'db:5432', 'a b', '', '[::1'])('refuses %j', (raw) => {
    expect(() => normaliseHost(raw)).toThrow(OutboundRefused)
  })
})
