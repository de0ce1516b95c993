import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashApiToken } from '@/lib/auth/api-token'
import { isActiveTokenHash } from '@/lib/queries/create-api-token'
import { withClient } from '@/lib/db'
import { seedTeamWithToken } from '@/lib/testing/seed-team'

const exec = promisify(execFile)
const tsx = path.resolve('node_modules/.bin/tsx')
const url = process.env.DATABASE_URL!

async function run(script: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await exec(tsx, [script, ...args], { env: { ...process.env, ...env }, timeout: 60_000 })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('npm run token', () => {
  let team: string
  beforeAll(async () => {
    team = (await seedTeamWithToken(url, 'cli')).team
  })

  it('creates a token that authenticates, lists it, and revokes it', async () => {
    const created = await run('scripts/token.ts', ['create', '--team', team, '--name', 'ci'])
    expect(created.code).toBe(0)
    const token = created.stdout.trim()
    expect(token).toMatch(/^pls_[A-Za-z0-9_-]{43}$/)
    expect(await withClient(url, (c) => isActiveTokenHash(c, hashApiToken(token)))).toBe(true)

    const listed = await run('scripts/token.ts', ['list', '--team', team])
    expect(listed.stdout).toContain('ci')
    expect(listed.stdout).not.toContain(token)
    const id = /token (\d+) for team/.exec(created.stderr)?.[1]
    expect(id).toBeDefined()

    const revoked = await run('scripts/token.ts', ['revoke', id!])
    expect(revoked.code).toBe(0)
    expect(await withClient(url, (c) => isActiveTokenHash(c, hashApiToken(token)))).toBe(false)
  })

  it.each([
    [['create'], /--team is required/],
    [['create', '--team', 'no-such-team-x'], /no team "no-such-team-x"/],
    [['revoke', '999999999'], /no active token 999999999/],
    [['frobnicate'], /usage: npm run token/],
  ])('refuses %j with exit code 2', async (args, message) => {
    const result = await run('scripts/token.ts', args)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
  })
})

describe('npm start configuration', () => {
  it.each([
    [{ DATABASE_URL: 'mysql://root@localhost/x' }, 'DATABASE_URL: must be a postgresql:// URL'],
    [{ DATABASE_URL: url, PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: url, PLIMSOLL_SEED_DEMO: 'sometimes' }, 'PLIMSOLL_SEED_DEMO'],
  ])('fails fast naming the wrong setting (%j)', async (env, named) => {
    const result = await run('scripts/start.ts', [], env)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('Invalid configuration')
    expect(result.stderr).toContain(named)
  })
})
