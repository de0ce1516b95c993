// Events of the fault tests: native deployments (Idempotency-Key = the deployment's id) and signed GitHub
// deployment_status deliveries of the mapped repository (a new deployment id each).
import { createHash, randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { sign } from '@octokit/webhooks-methods'
import type { Fixtures } from './setup'
import type { Event } from './sender'

const BASE = Date.parse('2026-01-01T00:00:00Z')
const sha = (seed: string) => createHash('sha1').update(seed).digest('hex')
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as { name: string; examples: Record<string, Record<string, unknown>>[] }[]
export const exampleOf = (event: string) => examples.find((e) => e.name === event)!.examples[0]!

export function deploymentEvent(f: Fixtures, id: string, i: number, opts: { idempotencyKey?: boolean; services?: number } = {}): Event {
  const finishedAt = BASE + i * 60_000
  const commits = [0, 1].map((c) => ({ sha: sha(`${id}:${c}`), committedAt: new Date(finishedAt - (c + 1) * 3_600_000).toISOString() }))
  const body = JSON.stringify({
    id, service: `rel-svc-${i % (opts.services ?? 10)}`, environment: 'production', status: i % 7 === 0 ? 'failure' : 'success',
    startedAt: new Date(finishedAt - 300_000).toISOString(), finishedAt: new Date(finishedAt).toISOString(), sha: commits[0]!.sha, commits,
  })
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${f.token}` }
  if (opts.idempotencyKey !== false) headers['idempotency-key'] = id
  return { id, path: '/api/v1/deployments', headers, body }
}

export async function githubEvent(f: Fixtures, n: number): Promise<Event> {
  const base = exampleOf('deployment_status')
  const at = new Date(BASE + n * 60_000).toISOString()
  const body = JSON.stringify({
    ...base,
    deployment: { ...base.deployment, id: 5_000_000 + n, sha: sha(`gh:${n}`), created_at: at, environment: 'production' },
    deployment_status: { ...base.deployment_status, state: 'success', created_at: at },
  })
  const id = randomUUID()
  return {
    id,
    path: '/api/webhooks/github',
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'deployment_status',
      'x-github-delivery': id,
      'x-hub-signature-256': await sign(f.githubSecret, body),
    },
  }
}

export async function signGithub(f: Fixtures, event: string, body: string, id = randomUUID()): Promise<Event> {
  return {
    id, path: '/api/webhooks/github', body,
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': await sign(f.githubSecret, body) },
  }
}
