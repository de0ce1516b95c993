import { describe, expect, it } from 'vitest'
import { clientAddress } from '@/lib/http/client-address'

describe('clientAddress', () => {
  it.each([
    ['no proxy: the peer, whatever the client wrote', '6.6.6.6', '10.0.0.9', 0, '10.0.0.9'],
    ['no proxy, no header', undefined, '10.0.0.9', 0, '10.0.0.9'],
    ['one proxy: what it appended', '203.0.113.7', '10.0.0.1', 1, '203.0.113.7'],
    ['one proxy, a forged entry before it', '6.6.6.6, 203.0.113.7', '10.0.0.1', 1, '203.0.113.7'],
    ['two proxies', '6.6.6.6, 203.0.113.7, 10.0.0.2', '10.0.0.1', 2, '203.0.113.7'],
    ['more trusted proxies than hops: the leftmost', '203.0.113.7', '10.0.0.1', 5, '203.0.113.7'],
    ['header sent twice', ['6.6.6.6', '203.0.113.7'], '10.0.0.1', 1, '203.0.113.7'],
    ['blank entries ignored', ' , 203.0.113.7 ,', '10.0.0.1', 1, '203.0.113.7'],
    ['no peer (a closed socket): nothing', '6.6.6.6, 203.0.113.7', undefined, 1, undefined],
    ['nothing at all', undefined, undefined, 0, undefined],
  ] as const)('%s', (_, header, peer, trusted, expected) => {
    expect(clientAddress(header as string | string[] | undefined, peer, trusted)).toBe(expected)
  })
})
