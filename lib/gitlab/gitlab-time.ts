// GitLab writes times three ways: ISO 8601 ("2012-01-03T23:36:29+02:00", "2013-12-03T17:23:34Z"),
// "2016-08-12 15:23:28 UTC", and "2021-04-28 21:50:00 +0200" (deployment events). The offset is part of
// the instant: Four Keys' parser drops it without converting, storing 21:50 UTC for 19:50 UTC.
const SPACED = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) (UTC|[+-]\d{2}:?\d{2})$/

export function parseGitlabTime(value: string): Date {
  const spaced = SPACED.exec(value.trim())
  const iso = spaced
    ? `${spaced[1]}T${spaced[2]}${spaced[3] === 'UTC' ? 'Z' : `${spaced[3]!.slice(0, 3)}:${spaced[3]!.slice(-2)}`}`
    : value.trim()
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) throw new Error(`not a GitLab time: "${value}"`)
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new Error(`not a GitLab time: "${value}"`)
  return date
}
