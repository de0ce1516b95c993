import { describe, expect, it } from 'vitest'
import { commitUrl, shortSha } from '@/lib/dashboard/commit-url'

const sha = 'ABCDEF0123456789abcdef0123456789abcdef01'

describe('commitUrl', () => {
  it.each([
    ['https://github.com/acme/api', `https://github.com/acme/api/commit/${sha.toLowerCase()}`],
    ['https://github.com/acme/api.git', `https://github.com/acme/api/commit/${sha.toLowerCase()}`],
    ['https://gitlab.example.com/group/sub/api/', `https://gitlab.example.com/group/sub/api/commit/${sha.toLowerCase()}`],
    ['http://git.internal:8080/api', `http://git.internal:8080/api/commit/${sha.toLowerCase()}`],
    ['javascript:alert(1)//github.com/acme/api', null],
    ['git@github.com:acme/api.git', null],
    ['not a url', null],
    [null, null],
  ])('%s', (repo, expected) => {
    expect(commitUrl(repo, sha)).toBe(expected)
  })

  it('needs a hexadecimal sha', () => {
    expect(commitUrl('https://github.com/acme/api', 'v1.2.3')).toBeNull()
    expect(commitUrl('https://github.com/acme/api', null)).toBeNull()
  })

  it('shortens a sha to 7 characters', () => {
    expect(shortSha(sha)).toBe('ABCDEF0')
  })
})
