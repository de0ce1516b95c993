import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { expect, test } from '@playwright/test'
import { withClient } from '@/lib/db'
import { sealSecret, secretKeyFrom } from '@/lib/crypto/secret-box'
import { insertGitlabConnection, mapGitlabProject } from '@/lib/queries/gitlab-connections'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { auth, sha, token, unique } from '../support/api'

// The command as pipelines get it (GET /cli/plimsoll.mjs from the running server) and GitLab's
// webhook, through the real server.
const run = promisify(execFile)
let dir: string

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'plimsoll-e2e-cli-'))
})
test.afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

test('the server hands out the command, which records a deployment with one request', async ({ request, baseURL }) => {
  const res = await request.get('/cli/plimsoll.mjs')
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toContain('javascript')
  const cli = path.join(dir, 'plimsoll.mjs')
  await writeFile(cli, await res.body())
  const service = unique('e2e-cli')
  const deployed = sha()
  const { stdout } = await run(process.execPath, [cli, 'deploy', '--service', service, '--env', 'production', '--sha', deployed, '--id', 'cli-1', '--version', '2.0.0'], {
    cwd: dir, env: { ...process.env, PLIMSOLL_URL: baseURL, PLIMSOLL_TOKEN: token() } as NodeJS.ProcessEnv,
  })
  expect(stdout).toContain('deploy: created (HTTP 201)')
  const list = await request.get(`/api/v1/deployments?service=${service}`, { headers: auth() })
  expect((await list.json()).data).toEqual([expect.objectContaining({ externalId: 'cli-1', sha: deployed, version: '2.0.0', status: 'success' })])
})

test('GitLab: a delivery with the connection\'s token is stored (202), a wrong token is 401', async ({ request }) => {
  const secret = randomBytes(16).toString('hex')
  await withClient(process.env.DATABASE_URL!, async (client) => {
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'e2e-gl')
    const connectionId = await insertGitlabConnection(client, { teamId: team.teamId, name: uniqueSlug('e2e-gitlab'), webhookTokenEnc: sealSecret(secret, secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)) })
    const { rows } = await client.query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [team.teamId, uniqueSlug('e2e-gl')])
    await mapGitlabProject(client, { connectionId, path: 'root/test-deployment-webhooks', serviceId: rows[0]!.id })
  })
  const data = readFileSync('lib/gitlab/fixtures/deployment.json', 'utf8')
  const key = randomBytes(8).toString('hex')
  const headers = { 'content-type': 'application/json', 'x-gitlab-event': 'Deployment Hook', 'x-gitlab-token': secret, 'idempotency-key': key }
  const first = await request.post('/api/webhooks/gitlab', { headers, data })
  expect(first.status()).toBe(202)
  expect(await first.json()).toEqual({ deliveryId: `gitlab:${key}`, duplicate: false })
  expect((await (await request.post('/api/webhooks/gitlab', { headers, data })).json()).duplicate).toBe(true)
  const wrong = await request.post('/api/webhooks/gitlab', { headers: { ...headers, 'x-gitlab-token': 'nope' }, data })
  expect(wrong.status()).toBe(401)
  expect((await wrong.json()).error.code).toBe('UNAUTHORIZED')
})
