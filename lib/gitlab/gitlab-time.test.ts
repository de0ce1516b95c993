import { describe, expect, it } from 'vitest'
import { parseGitlabTime } from '@/lib/gitlab/gitlab-time'

describe('parseGitlabTime', () => {
  it.each([
    // deployment events: Four Keys stores this as 21:50:00 UTC (the offset dropped, not applied)
    ['2021-04-28 21:50:00 +0200', '2021-04-28T19:50:00.000Z'],
    ['2021-04-28 21:50:00 -0530', '2021-04-29T03:20:00.000Z'],
    ['2021-04-28 21:50:00 +02:00', '2021-04-28T19:50:00.000Z'],
    ['2016-08-12 15:23:28 UTC', '2016-08-12T15:23:28.000Z'],
    ['2012-01-03T23:36:29+02:00', '2012-01-03T21:36:29.000Z'],
    ['2013-12-03T17:23:34Z', '2013-12-03T17:23:34.000Z'],
    ['2013-12-03T17:23:34.123Z', '2013-12-03T17:23:34.123Z'],
  ])('%s is %s', (input, expected) => {
    expect(parseGitlabTime(input).toISOString()).toBe(expected)
  })

  it.each(['2021-04-28 21:50:00', '2021-04-28', 'yesterday', '2021-13-40 25:00:00 UTC'])('refuses %s (no offset or not a time)', (input) => {
    expect(() => parseGitlabTime(input)).toThrow(/not a GitLab time/)
  })
})
