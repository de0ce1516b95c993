import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'

const { pool, queryRows } = await import('@/lib/db')
const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { startRouteServer } = await import('@/lib/testing/route-server')
const deployments = await import('@/app/api/v1/deployments/route')
const incidents = await import('@/app/api/v1/incidents/route')
const scans = await import('@/app/api/v1/scans/route')
const availability = await import('@/app/api/v1/availability/route')

// The plimsoll command as a pipeline runs it (a child process, over HTTP) against the real route
// handlers and PostgreSQL.
const run = promisify(execFile)
const BIN = path.resolve('bin/plimsoll.mjs')
const TRIVY = path.resolve('lib/compliance/fixtures/scanners/trivy/alpine-310.json')
// no CI job ids from the machine running the tests
const CI_VARS = /^(GITHUB_|CI_|BUILDKITE|JENKINS_URL|BUILD_TAG|CIRCLE_|BITBUCKET_|SYSTEM_JOBID|BUILD_BUILDID)/

let server: Awaited<ReturnType<typeof startRouteServer>>
let token: string
let tokenId: number
let repo: string

async function plimsoll(args: string[], opts: { url?: string; cwd?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, PLIMSOLL_URL: opts.url ?? server.url, PLIMSOLL_TOKEN: token }
  for (const k of Object.keys(env)) if (CI_VARS.test(k)) delete env[k]
  try {
    const r = await run(process.execPath, [BIN, '--retry-delay', '20', ...args], {
      cwd: opts.cwd ?? process.cwd(), env,
    })
    return { code: 0, stdout: r.stdout, stderr: r.stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

const git = (args: string[], date?: string) =>
  run('git', args, {
    cwd: repo,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  }).then((r) => r.stdout.trim())

const deploymentRows = (service: string) =>
  queryRows<{
    externalId: string
    status: string
    sha: string | null
    version: string | null
    strategy: string
    isHotfix: boolean
    isRollback: boolean
    startedAt: Date | null
  }>(
    pool(),
    sql`
  SELECT d.external_id AS "externalId", d.status::text AS status, d.sha, d.version, d.strategy::text AS strategy, d.is_hotfix AS "isHotfix", d.is_rollback AS "isRollback", d.started_at AS "startedAt"
  FROM deployment d JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} ORDER BY d.id`,
  )

const ingestLogCount = async (kind: string) =>
  (await queryRows<{ n: number }>(pool(), sql`SELECT count(*)::int AS n FROM ingest_log WHERE token_id = ${tokenId} AND kind = ${kind}`))[0]!.n

describe('plimsoll command', () => {
  beforeAll(async () => {
    const team = await seedTeamWithToken(process.env.DATABASE_URL!, 'cli')
    token = team.token
    tokenId = team.tokenId
    server = await startRouteServer({
      'POST /api/v1/deployments': deployments.POST, 'POST /api/v1/incidents': incidents.POST,
      'POST /api/v1/scans': scans.POST, 'POST /api/v1/availability': availability.POST,
    })
    repo = await mkdtemp(path.join(tmpdir(), 'plimsoll-cli-git-'))
    await git(['init', '-q', '-b', 'main'])
  })
  afterAll(async () => {
    await server?.close()
    if (repo) await rm(repo, { recursive: true, force: true })
  })

  it('deploy --commits-from-git sends the range\'s commits with their times from local git', async () => {
    const base = (await git(['commit', '-q', '--allow-empty', '-m', 'base'], '2026-05-01T08:00:00+02:00'), await git(['rev-parse', 'HEAD']))
    await git(['commit', '-q', '--allow-empty', '-m', 'feature one'], '2026-05-01T09:30:15+02:00')
    await git(['commit', '-q', '--allow-empty', '-m', 'feature two'], '2026-05-01T07:45:00-05:00')
    const head = await git(['rev-parse', 'HEAD'])
    const service = uniqueSlug('cli-git')
    const r = await plimsoll(['deploy', '--service', service, '--env', 'production', '--id', 'rel-1', '--version', '1.2.3', '--strategy', 'canary', '--hotfix',
      '--started-at', '2026-05-01T13:00:00Z', '--finished-at', '2026-05-01T13:05:00Z', '--commits-from-git', `${base}..HEAD`], { cwd: repo })
    expect(r, r.stderr).toMatchObject({ code: 0 })
    expect(r.stdout).toContain('deploy: created (HTTP 201)')
    expect(await deploymentRows(service)).toEqual([
      {
        externalId: 'rel-1',
        status: 'success',
        sha: head,
        version: '1.2.3',
        strategy: 'canary',
        isHotfix: true,
        isRollback: false,
        startedAt: new Date('2026-05-01T13:00:00Z'),
      },
    ])
    const commits = await queryRows<{ message: string; committedAt: Date }>(pool(), sql`
      SELECT c.message, c.committed_at AS "committedAt" FROM change c JOIN deployment_change dc ON dc.change_id = c.id
      JOIN deployment d ON d.id = dc.deployment_id JOIN service s ON s.id = d.service_id WHERE s.slug = ${service} ORDER BY c.committed_at`)
    expect(commits).toEqual([
      { message: 'feature one', committedAt: new Date('2026-05-01T07:30:15Z') },
      { message: 'feature two', committedAt: new Date('2026-05-01T12:45:00Z') },
    ])
  })

  it('history git cannot read is a warning: the deployment is recorded without commits (an error with --strict)', async () => {
    const service = uniqueSlug('cli-shallow')
    const head = await git(['rev-parse', 'HEAD'])
    const range = `${'0'.repeat(40)}..${head}`
    const r = await plimsoll(['deploy', '--service', service, '--env', 'production', '--sha', head, '--commits-from-git', range], { cwd: repo })
    expect(r, r.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('deploy: created') })
    expect(r.stderr).toContain('recording the deployment without its commits')
    expect(await deploymentRows(service)).toHaveLength(1)
    const strict = await plimsoll(['--strict', 'deploy', '--service', uniqueSlug('cli-shallow'), '--env', 'production', '--commits-from-git', range], {
      cwd: repo,
    })
    expect(strict.code).toBe(1)
    expect(strict.stderr).toMatch(/plimsoll: git log .* failed/)
  })

  it('retries 503s with one idempotency key: the write whose answer was lost is replayed, not doubled', async () => {
    const service = uniqueSlug('cli-retry')
    const before = await ingestLogCount('deployment')
    // 1st attempt: stored, but the answer is lost (503); 2nd: 503 before the route; 3rd: the server answers
    server.intercept(async (n, _req, forward) => {
      if (n === 1) await forward()
      return n <= 2 ? Response.json({ error: { code: 'DATABASE_UNAVAILABLE', message: 'down' } }, { status: 503, headers: { 'Retry-After': '5' } }) : forward()
    })
    try {
      const r = await plimsoll(['deploy', '--service', service, '--env', 'production', '--sha', 'a'.repeat(40)])
      expect(r, r.stderr).toMatchObject({ code: 0 })
      expect(r.stderr.match(/HTTP 503: down; retrying/g)).toHaveLength(2)
      expect(r.stdout).toContain('deploy: created (HTTP 201, replayed)')
    } finally {
      server.intercept(undefined)
    }
    expect(await deploymentRows(service)).toHaveLength(1)
    expect(await ingestLogCount('deployment')).toBe(before + 1)
  })

  it('incident open and resolve, scan upload and availability store what they say', async () => {
    const service = uniqueSlug('cli-inc')
    expect(
      await plimsoll([
        'incident',
        'open',
        '--service',
        service,
        '--id',
        'inc-1',
        '--title',
        'Checkout down',
        '--severity',
        'SEV1',
        '--opened-at',
        '2026-05-02T10:00:00Z',
        '--outage',
      ]),
    ).toMatchObject({ code: 0 })
    expect(await plimsoll(['incident', 'resolve', '--service', service, '--id', 'inc-1', '--resolved-at', '2026-05-02T10:42:00Z'])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('incident resolve: updated'),
    })
    const [incident] = await queryRows<{ severity: string; openedAt: Date; resolvedAt: Date; isOutage: boolean }>(pool(), sql`
      SELECT i.severity::text AS severity, i.opened_at AS "openedAt", i.resolved_at AS "resolvedAt", i.is_outage AS "isOutage"
      FROM incident i JOIN service s ON s.id = i.service_id WHERE s.slug = ${service} AND i.external_id = 'inc-1'`)
    expect(incident).toEqual({ severity: 'critical', openedAt: new Date('2026-05-02T10:00:00Z'), resolvedAt: new Date('2026-05-02T10:42:00Z'), isOutage: true })

    const scan = await plimsoll(['scan', 'upload', TRIVY, '--service', service, '--image', 'alpine:3.10'])
    expect(scan, scan.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('scan upload: created (HTTP 201)') })
    expect(await plimsoll(['scan', 'upload', TRIVY, '--service', service])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('scan upload: unchanged (HTTP 200)'),
    })

    const probe = await plimsoll([
      'availability',
      '--service',
      service,
      '--check',
      'edge',
      '--state',
      'down',
      '--at',
      '2026-05-02T10:00:00Z',
      '--latency',
      '1200',
      '--detail',
      'HTTP 502',
    ])
    expect(probe, probe.stderr).toMatchObject({ code: 0, stdout: expect.stringContaining('availability: created (HTTP 201)') })
  })

  it('exits 1 with the server\'s message on a 4xx, without retrying', async () => {
    const r = await plimsoll([
      'deploy',
      '--service',
      uniqueSlug('cli-bad'),
      '--env',
      'production',
      '--status',
      'in_progress',
      '--finished-at',
      '2026-05-01T10:00:00Z',
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/deploy refused \(HTTP 422\): Invalid request: finishedAt: must be absent while status is in_progress/)
    expect(r.stderr).not.toContain('retrying')
  })

  it('warns but does not fail the pipeline when the server is down, unless --strict', async () => {
    const down = 'http://127.0.0.1:9'
    const soft = await plimsoll(['--retries', '1', 'availability', '--service', 'api', '--check', 'edge', '--state', 'up'], { url: down })
    expect(soft.code).toBe(0)
    expect(soft.stderr).toContain('WARNING availability not recorded')
    expect(soft.stderr).toContain('use --strict to fail')
    const strict = await plimsoll(['--retries', '1', '--strict', 'availability', '--service', 'api', '--check', 'edge', '--state', 'up'], { url: down })
    expect(strict.code).toBe(2)
    expect(strict.stderr).toContain('failing because of --strict')
  })

  it('--dry-run prints the request and sends nothing', async () => {
    const service = uniqueSlug('cli-dry')
    const r = await plimsoll(['--dry-run', 'deploy', '--service', service, '--env', 'staging', '--rollback', '--id', 'dry-1'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`POST ${server.url}/api/v1/deployments`)
    expect(r.stdout).toContain('"rollback": true')
    expect(r.stdout).not.toContain(token)
    expect(await deploymentRows(service)).toEqual([])
  })
})
