import { execFile } from 'node:child_process'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { startGithubApiServer } from '@/lib/testing/github-api-server'

const exec = promisify(execFile)
const tsx = path.resolve('node_modules/.bin/tsx')
const env = { PLIMSOLL_SECRET_KEY: randomBytes(32).toString('base64'), GITHUB_TOKEN: '', LOG_LEVEL: 'silent' }

async function github(args: string[]) {
  try {
    const { stdout, stderr } = await exec(tsx, ['scripts/github.ts', ...args], { env: { ...process.env, ...env }, timeout: 60_000 })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

// npm run github: a connection with GitHub App credentials, a monorepo mapping, and an import that
// uses the stored credentials and prints its progress (against the local recorded-response server).
describe('npm run github', () => {
  const api = startGithubApiServer()
  let team: string
  let keyFile: string
  beforeAll(async () => {
    await api.start()
    team = (await seedTeamWithToken(process.env.DATABASE_URL!, 'ghcli')).team
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
    keyFile = path.join(mkdtempSync(path.join(tmpdir(), 'plimsoll-')), 'app.pem')
    writeFileSync(keyFile, privateKey)
  })
  afterAll(() => api.stop())

  it('connects with GitHub App credentials, maps a path, and imports with the stored credentials', async () => {
    const name = uniqueSlug('ghcli')
    const connected = await github(['connect', '--team', team, '--name', name, '--app-id', '1234', '--installation-id', '42', '--private-key-file', keyFile, '--base-url', api.url()])
    expect(connected.code).toBe(0)
    expect(connected.stderr).toContain('GitHub App 1234, installation 42')
    expect(connected.stdout.trim()).toMatch(/^[\w-]{20,}$/) // the webhook secret, once

    const mapped = await github(['map', 'acme/shop', '--connection', name, '--service', uniqueSlug('shop-api'), '--path', 'services/api', '--path', 'libs/api'])
    expect(mapped.stdout).toContain('for commits under services/api, libs/api')

    // the recorded history is from March 2026
    const imported = await github(['backfill', 'acme/shop', '--connection', name, '--days', String(Math.ceil((Date.now() - Date.parse('2026-02-01')) / 86_400_000))])
    expect(imported.code, imported.stderr + imported.stdout).toBe(0)
    expect(imported.stderr).toMatch(/\[#{30}\] 6\/6 items, [\d.]+\/s, API quota left 4990/)
    // 3 deployments, 2 incidents and pull request #7's own row (issue 25)
    expect(imported.stdout).toContain('acme/shop: 6 imported (6 new)')
    expect(api.hits.get('/app/installations/42/access_tokens')).toBe(1)
  }, 60_000)

  it('refuses App credentials given in part', async () => {
    const res = await github(['connect', '--team', team, '--name', uniqueSlug('ghcli'), '--app-id', '1234'])
    expect(res.code).toBe(2)
    expect(res.stderr).toContain('--app-id, --installation-id (numbers) and --private-key-file go together')
  })
})
