import { createHash } from 'node:crypto'

// The deployment bodies both targets receive: request i is deployment `<prefix>-<i>` of one of
// `services` services, carrying `commits` new commits (the head sha is the first of them).
export type PayloadOptions = { prefix: string; services: number; commits: number }

const BASE_TIME = Date.parse('2026-01-01T00:00:00Z')

function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex')
}

export function deploymentBody(i: number, o: PayloadOptions): string {
  const finishedAt = BASE_TIME + i * 60_000
  const commits = Array.from({ length: o.commits }, (_, c) => ({
    sha: sha(`${o.prefix}:${i}:${c}`),
    committedAt: new Date(finishedAt - (c + 1) * 3_600_000).toISOString(),
    prNumber: i * o.commits + c + 1,
  }))
  return JSON.stringify({
    id: `${o.prefix}-${i}`,
    service: `bench-svc-${i % o.services}`,
    // One request in five goes to staging, so the environment lookup is not always the same row.
    environment: i % 5 === 4 ? 'staging' : 'production',
    status: 'success',
    startedAt: new Date(finishedAt - 300_000).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    sha: commits[0]?.sha ?? sha(`${o.prefix}:${i}:head`),
    commits,
  })
}
