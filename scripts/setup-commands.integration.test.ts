import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyIdOf, openSecret } from '@/lib/crypto/secret-box'
import { withClient } from '@/lib/db'
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/lib/embedded/embedded-postgres'
import { saveServerKeyring } from '@/lib/queries/server-keyring'

const exec = promisify(execFile)
const tsx = path.resolve('node_modules/.bin/tsx')

// The set-up without a browser, on a database nothing has touched (not even migrations): a team, an
// admin, a token, and the key rule of every command that seals a secret. Its own embedded database,
// since recording a server key would refuse other tests' commands.
let db: EmbeddedPostgres
let dataDir: string
beforeAll(async () => {
  db = await startEmbeddedPostgres({ dataDir: 'memory', port: 0 })
  dataDir = mkdtempSync(path.join(tmpdir(), 'plimsoll-cli-'))
}, 60_000)
afterAll(() => db?.stop())

async function run(script: string, args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, PLIMSOLL_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...opts.env }
  if (!opts.env?.PLIMSOLL_SECRET_KEY) delete env.PLIMSOLL_SECRET_KEY
  const child = exec(tsx, [`scripts/${script}.ts`, ...args], { env, timeout: 120_000 })
  child.child.stdin!.end(opts.stdin ?? '')
  try {
    const { stdout, stderr } = await child
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

describe('first set-up from the command line', () => {
  it('migrates a fresh database, then makes a team, an admin (password from stdin, never printed) and a token', async () => {
    const team = await run('team', ['create', 'payments', '--name', 'Payments'])
    expect(team.stderr).toMatch(/applying \d+ migration\(s\)/)
    expect(team.code).toBe(0)
    expect(team.stdout).toContain('team payments ("Payments") created')

    const password = 'a password of mine 42'
    const admin = await run('admin', ['create', '--email', 'Ada@Example.com', '--name', 'Ada', '--password-stdin'], { stdin: `${password}\n` })
    expect(admin.code).toBe(0)
    expect(admin.stdout + admin.stderr).not.toContain(password)
    const [row] = await withClient(db.url, async (c) => (await c.query(`SELECT role::text AS role FROM auth_user WHERE email = 'ada@example.com'`)).rows)
    expect(row?.role).toBe('admin')

    const token = await run('token', ['create', '--team', 'payments'])
    expect(token.code).toBe(0)
    expect(token.stdout.trim()).toMatch(/^pls_/)
  }, 180_000)

  it('refuses a team slug that is not one, naming the argument', async () => {
    const bad = await run('team', ['create', 'Not A Slug'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('<slug>')
  }, 60_000)

  it('seals with the data directory key npm start uses, and refuses a key the server did not start with', async () => {
    const connected = await run('gitlab', ['connect', '--team', 'payments', '--name', 'gl'])
    expect(connected.code).toBe(0)
    const dataKey = Buffer.from(readFileSync(path.join(dataDir, 'secret-key'), 'utf8').trim(), 'base64')
    const [sealed] = await withClient(db.url, async (c) => (await c.query(`SELECT webhook_token_enc AS v FROM gitlab_connection WHERE name = 'gl'`)).rows)
    expect(openSecret(sealed.v, dataKey)).toBe(connected.stdout.trim())

    // the server started with the data directory's key; an exported new key would seal what it cannot open
    await withClient(db.url, (c) => saveServerKeyring(c, [keyIdOf(dataKey)]))
    const other = randomBytes(32)
    const refused = await run('gitlab', ['connect', '--team', 'payments', '--name', 'gl-2'], { env: { PLIMSOLL_SECRET_KEY: other.toString('base64') } })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`key ${keyIdOf(other)} (from PLIMSOLL_SECRET_KEY)`)
    expect(refused.stderr).toContain(`with key ${keyIdOf(dataKey)}`)
    const rotate = await run('rotate-secrets', ['--dry-run'], { env: { PLIMSOLL_SECRET_KEY: other.toString('base64') } })
    expect(rotate.code).toBe(1)
    expect(rotate.stderr).toContain('Refused')
    expect((await run('gitlab', ['connect', '--team', 'payments', '--name', 'gl-3'])).code).toBe(0)
  }, 180_000)
})
