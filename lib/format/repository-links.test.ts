import { describe, expect, it } from 'vitest'
import { commitUrl, pullRequestUrl } from '@/lib/format/repository-links'

describe('repository links', () => {
  it.each([
    ['https://github.com/acme/api', 'https://github.com/acme/api/commit/abc', 'https://github.com/acme/api/pull/7'],
    ['https://github.com/acme/api.git', 'https://github.com/acme/api/commit/abc', 'https://github.com/acme/api/pull/7'],
    ['https://gitlab.example.com/acme/api/', 'https://gitlab.example.com/acme/api/-/commit/abc', 'https://gitlab.example.com/acme/api/-/merge_requests/7'],
    [null, null, null],
    ['javascript:alert(1)', null, null],
    ['not a url', null, null],
  ])('%s', (repo, commit, pull) => {
    expect(commitUrl(repo, 'abc')).toBe(commit)
    expect(pullRequestUrl(repo, 7)).toBe(pull)
  })
})
