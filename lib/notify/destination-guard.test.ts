import { describe, expect, it } from 'vitest'
import { allowListOf, emptyAllowList } from '@/lib/net/allow-list'
import type { LookupAll } from '@/lib/net/resolve-outbound'
import { assertDestinationAllowed } from '@/lib/notify/destination-guard'

// A resolver stub: names that lead to this machine, a private network or the metadata service.
const names: Record<string, string> = { 'loop.example': '127.0.0.1', 'office.example': '10.0.0.1', 'meta.example': '169.254.169.254', 'hooks.example': '93.184.215.14' }
const lookup: LookupAll = async (host) => (names[host] ? [{ address: names[host]!, family: 4 }] : Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' })))
const policy = { allowList: emptyAllowList, lookup }
const url = (u: string) => ({ field: 'url', url: u, plain: u.startsWith('http:') })

const refusal = (d: Parameters<typeof assertDestinationAllowed>[0], p = policy) =>
  assertDestinationAllowed(d, p).then(() => null, (err: { status: number; fields: { path: string; message: string }[] }) => [err.status, err.fields[0]!.path, err.fields[0]!.message])

describe('notification destinations through the outbound guard', () => {
  it.each([
    ['https://127.0.0.1/hook', 'is a loopback address'],
    ['https://10.0.0.1/hook', 'is a private address'],
    ['https://169.254.169.254/latest/meta-data', 'is a cloud metadata address'],
    ['https://[::ffff:127.0.0.1]/hook', 'is a loopback address'],
    ['https://loop.example/hook', 'resolves to a loopback address'],
    ['https://office.example/hook', 'resolves to a private address'],
    ['https://meta.example/hook', 'resolves to a cloud metadata address'],
    ['https://metadata.google.internal/hook', 'is a cloud metadata name'],
  ])('refuses %s (422 on url)', async (u, reason) => {
    expect(await refusal(url(u))).toEqual([422, 'url', expect.stringContaining(reason)])
  })

  it.each([['127.0.0.1'], ['10.0.0.1'], ['loop.example'], ['meta.example']])('refuses the SMTP host %s (422 on host)', async (host) => {
    expect(await refusal({ field: 'host', host, plain: false })).toEqual([422, 'host', expect.stringMatching(/loopback|private|metadata/)])
  })

  it('accepts a public host, and an unresolvable name (its sends fail until it resolves)', async () => {
    expect(await refusal(url('https://hooks.example/services/x'))).toBeNull()
    expect(await refusal(url('https://nowhere.example/x'))).toBeNull()
  })

  it('an allow-listed internal host is accepted, plain http too; metadata stays refused', async () => {
    const listed = { ...policy, allowList: allowListOf(['office.example', '127.0.0.1', '169.254.169.254']) }
    expect(await refusal(url('http://office.example/hook'), listed)).toBeNull()
    expect(await refusal(url('http://127.0.0.1:8080/hook'), listed)).toBeNull()
    expect(await refusal({ field: 'host', host: '127.0.0.1', plain: true }, listed)).toBeNull()
    expect(await refusal(url('https://169.254.169.254/'), listed)).toEqual([422, 'url', expect.stringContaining('metadata')])
  })

  it('plain http, or SMTP without TLS, only for allow-listed hosts', async () => {
    expect(await refusal(url('http://hooks.example/x'))).toEqual([422, 'url', expect.stringContaining('must be https://')])
    expect(await refusal({ field: 'host', host: 'hooks.example', plain: true })).toEqual([422, 'security', expect.stringContaining('needs TLS')])
  })
})
