import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyIdOf, keyringFrom, openSecret, sealSecret } from '@/lib/crypto/secret-box'
import { sealedColumns } from '@/lib/crypto/sealed-columns'
import { resealSecrets } from '@/lib/queries/reseal-secrets'
import { insertGithubConnection } from '@/lib/queries/github-connections'
import { insertGitlabConnection } from '@/lib/queries/gitlab-connections'
import { insertChannel } from '@/lib/queries/notify/channels'
import { insertIncidentSource } from '@/lib/queries/incident-sources/sources'
import { insertRolloutSource } from '@/lib/queries/rollout-sources/sources'
import { createTestDatabase, type TestDatabase } from '@/lib/testing/test-database'

// Key rotation on a database of its own (re-sealing touches every connection of the install): on the
// server npm test was given, else a fresh embedded instance (PGlite has one database per instance).
const [oldest, old, current, unknown] = [randomBytes(32), randomBytes(32), randomBytes(32), randomBytes(32)]
const b64 = (k: Buffer) => k.toString('base64')
const ring = keyringFrom(b64(current), `${b64(old)},${b64(oldest)}`)
let db: TestDatabase
let client: pg.Client

const sealedValues = async () => (await client.query(`
  SELECT 'gh' || id AS row, webhook_secret_enc AS a, api_token_enc AS b, app_private_key_enc AS c FROM github_connection
  UNION ALL SELECT 'gl' || id, webhook_token_enc, NULL, NULL FROM gitlab_connection
  UNION ALL SELECT 'is' || id, secret_enc, NULL, NULL FROM incident_source
  UNION ALL SELECT 'nc' || id, secret_enc, NULL, NULL FROM notification_channel
  UNION ALL SELECT 'rs' || id, secret_enc, NULL, NULL FROM rollout_source ORDER BY 1`)).rows

beforeAll(async () => {
  db = await createTestDatabase(process.env.TEST_PG_ADMIN_URL, 'reseal')
  client = new pg.Client({ connectionString: db.url })
  await client.connect()
  const { rows } = await client.query<{ id: number }>(`INSERT INTO team (slug, name) VALUES ('rot', 'Rotation') RETURNING id`)
  const teamId = rows[0]!.id
  await insertGithubConnection(client, {
    teamId, name: 'gh-old', webhookSecretEnc: sealSecret('webhook-secret-1', old), apiTokenEnc: sealSecret('ghp_token_1', oldest),
  })
  await insertGithubConnection(client, {
    teamId, name: 'gh-app', webhookSecretEnc: sealSecret('webhook-secret-2', current),
    app: { appId: 1, installationId: 2, privateKeyEnc: sealSecret('-----BEGIN PRIVATE KEY-----', old) },
  })
  await insertGitlabConnection(client, { teamId, name: 'gl', webhookTokenEnc: sealSecret('glpat-1', oldest) })
  await insertIncidentSource({ teamId, kind: 'pagerduty', name: 'pd', secretEnc: sealSecret('pagerduty-secret-1', old) }, client)
  await insertChannel({ teamId, kind: 'slack', name: 'chat', events: ['digest'], target: 'https://hooks.slack.com/…', config: {},
    secretEnc: sealSecret('{"url":"https://hooks.slack.com/services/T/B/x"}', oldest) }, client)
  await insertRolloutSource({ teamId, kind: 'flagger', name: 'flagger', secretEnc: sealSecret('flagger-token-1', oldest) }, client)
}, 120_000)

afterAll(async () => {
  await client?.end()
  await db?.drop()
})

describe('resealSecrets', () => {
  it('knows every sealed column of the schema (a new *_enc column must be added to sealedColumns)', async () => {
    const { rows } = await client.query(`SELECT table_name || '.' || column_name AS c FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name LIKE '%\\_enc' ORDER BY 1`)
    expect(rows.map((r) => r.c)).toEqual(sealedColumns.map((s) => `${s.table}.${s.column}`).sort())
  })

  it('a dry run reports and changes nothing', async () => {
    const before = await sealedValues()
    const report = await resealSecrets(client, ring, { dryRun: true })
    expect(report.reduce((n, r) => n + r.resealed, 0)).toBe(7)
    expect(await sealedValues()).toEqual(before)
  })

  it('refuses to change anything when one value opens with no key of the ring', async () => {
    const before = await sealedValues()
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM gitlab_connection LIMIT 1`)
    await client.query('UPDATE gitlab_connection SET webhook_token_enc = $1 WHERE id = $2', [sealSecret('glpat-1', unknown), rows[0]!.id])
    await expect(resealSecrets(client, ring)).rejects.toThrow(/gitlab_connection.webhook_token_enc of row \d+ does not open.*nothing was changed/)
    // the GitHub values, re-sealed before the failure in the same transaction, are as they were
    expect((await sealedValues()).filter((r) => r.row.startsWith('gh'))).toEqual(before.filter((r) => r.row.startsWith('gh')))
    await client.query('UPDATE gitlab_connection SET webhook_token_enc = $1 WHERE id = $2', [sealSecret('glpat-1', oldest), rows[0]!.id])
  })

  it('re-seals everything under the current key, opening to the same secrets; a second run changes nothing', async () => {
    const report = await resealSecrets(client, ring)
    expect(report).toEqual([
      { table: 'github_connection', column: 'webhook_secret_enc', resealed: 1, current: 1 },
      { table: 'github_connection', column: 'api_token_enc', resealed: 1, current: 0 },
      { table: 'github_connection', column: 'app_private_key_enc', resealed: 1, current: 0 },
      { table: 'gitlab_connection', column: 'webhook_token_enc', resealed: 1, current: 0 },
      { table: 'incident_source', column: 'secret_enc', resealed: 1, current: 0 },
      { table: 'notification_channel', column: 'secret_enc', resealed: 1, current: 0 },
      { table: 'rollout_source', column: 'secret_enc', resealed: 1, current: 0 },
    ])
    const after = await sealedValues()
    const values = after.flatMap((r) => [r.a, r.b, r.c]).filter(Boolean) as string[]
    expect(values.every((v) => v.startsWith(`v2:${keyIdOf(current)}:`))).toBe(true)
    // the current key alone opens them now: the previous keys can be dropped
    const currentOnly = keyringFrom(b64(current))
    expect(values.map((v) => openSecret(v, currentOnly)).sort()).toEqual([
      '-----BEGIN PRIVATE KEY-----', 'flagger-token-1', 'ghp_token_1', 'glpat-1', 'pagerduty-secret-1', 'webhook-secret-1', 'webhook-secret-2',
      '{"url":"https://hooks.slack.com/services/T/B/x"}',
    ])
    expect((await resealSecrets(client, ring)).every((r) => r.resealed === 0)).toBe(true)
    expect(await sealedValues()).toEqual(after)
  })

  it('npm run secrets:rotate runs it from the environment', async () => {
    const next = randomBytes(32)
    const { stdout } = await promisify(execFile)('node_modules/.bin/tsx', ['scripts/rotate-secrets.ts'], {
      env: { ...process.env, DATABASE_URL: db.url, PLIMSOLL_SECRET_KEY: b64(next), PLIMSOLL_SECRET_KEY_PREVIOUS: b64(current) },
    })
    expect(stdout).toContain(`re-sealed 8 secret(s) under key ${keyIdOf(next)}`)
    const values = (await sealedValues()).flatMap((r) => [r.a, r.b, r.c]).filter(Boolean) as string[]
    expect(values.map((v) => openSecret(v, next)).sort()).toContain('glpat-1')
  })
})
