// The baseline for `npm run bench:ingest`: POST /api/v1/deployments written with nothing but node:http
// and pg. It writes the same rows as the app (token lookup by hash, service and environment found or
// created, deployment, commits upserted and linked, change_first_deployment, ingest_log with the raw
// body), one transaction per request, no batching across requests, a pool as large as the app's.
// Usage: DATABASE_URL=... PORT=... [DB_POOL_MAX=10] tsx bench/ingest/bare-server.ts
import http from 'node:http'
import { createHash } from 'node:crypto'
import pg from 'pg'

const port = Number(process.env.PORT ?? 3901)
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) })

const MAX_BODY = 1024 * 1024
const SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/
const SHA = /^[0-9a-f]{7,64}$/
const STATUSES = new Set(['success', 'failure', 'in_progress', 'cancelled'])
const TIERS = new Set(['production', 'staging', 'testing', 'development'])

type Commit = { sha: string; committedAt: string | null; prNumber: number | null }
type Body = { id: string; service: string; environment: string; status: string; startedAt: string | null; finishedAt: string | null; sha: string | null; commits: Commit[] }

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) reject(new HttpError(413, 'body too large'))
      else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0
const time = (v: unknown, field: string): string | null => {
  if (v === undefined) return null
  if (!str(v) || Number.isNaN(Date.parse(v))) throw new HttpError(400, `${field} must be a date-time`)
  return v
}

// Hand-written checks, about as strict as the app's schema for the fields the benchmark sends.
function validate(value: unknown): Body {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'body must be a JSON object')
  const b = value as Record<string, unknown>
  if (!str(b.id) || b.id.length > 200) throw new HttpError(400, 'id is required')
  if (!str(b.service) || !SLUG.test(b.service)) throw new HttpError(400, 'service must be a slug')
  if (!str(b.environment) || !SLUG.test(b.environment)) throw new HttpError(400, 'environment must be a slug')
  if (!str(b.status) || !STATUSES.has(b.status)) throw new HttpError(400, 'status is invalid')
  if (b.sha !== undefined && (!str(b.sha) || !SHA.test(b.sha))) throw new HttpError(400, 'sha is invalid')
  const commits = Array.isArray(b.commits) ? b.commits : []
  const bySha = new Map<string, Commit>()
  for (const c of commits as Record<string, unknown>[]) {
    if (!c || !str(c.sha) || !SHA.test(c.sha)) throw new HttpError(400, 'commit sha is invalid')
    const prNumber = c.prNumber === undefined ? null : Number(c.prNumber)
    bySha.set(c.sha, { sha: c.sha, committedAt: time(c.committedAt, 'committedAt'), prNumber })
  }
  const sha = (b.sha as string | undefined) ?? null
  if (sha && !bySha.has(sha)) bySha.set(sha, { sha, committedAt: null, prNumber: null })
  const finishedAt = time(b.finishedAt, 'finishedAt') ?? (b.status === 'in_progress' ? null : new Date().toISOString())
  return {
    id: b.id, service: b.service, environment: b.environment, status: b.status, startedAt: time(b.startedAt, 'startedAt'),
    finishedAt, sha, commits: [...bySha.values()].sort((x, y) => (x.sha < y.sha ? -1 : 1)),
  }
}

async function findOrCreate(client: pg.PoolClient, select: string, insert: string, selectArgs: unknown[], insertArgs: unknown[]) {
  const found = await client.query(select, selectArgs)
  if (found.rows[0]) return found.rows[0]
  const inserted = await client.query(insert, insertArgs)
  if (inserted.rows[0]) return inserted.rows[0]
  return (await client.query(select, selectArgs)).rows[0]
}

async function ingest(raw: string, token: string, receivedAt: Date) {
  const body = validate(JSON.parse(raw))
  const hash = createHash('sha256').update(token).digest('hex')
  const caller = (
    await pool.query<{ tokenId: number; teamId: number }>(
      'SELECT t.id AS "tokenId", t.team_id AS "teamId" FROM api_token t JOIN team ON team.id = t.team_id WHERE t.hash = $1 AND t.revoked_at IS NULL',
      [hash],
    )
  ).rows[0]
  if (!caller) throw new HttpError(401, 'unknown token')

  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const service = await findOrCreate(
      client,
      // slugs are unique per team
      'SELECT id, team_id AS "teamId" FROM service WHERE team_id = $1 AND slug = $2',
      'INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) ON CONFLICT (team_id, slug) DO NOTHING RETURNING id, team_id AS "teamId"',
      [caller.teamId, body.service],
      [caller.teamId, body.service],
    )
    if (!TIERS.has(body.environment)) {
      const known = await client.query('SELECT 1 FROM environment WHERE name = $1', [body.environment])
      if (!known.rows[0]) throw new HttpError(400, 'environmentTier required')
    }
    const env = await findOrCreate(
      client,
      'SELECT id FROM environment WHERE name = $1',
      'INSERT INTO environment (name, tier) VALUES ($1, $2::"EnvironmentTier") ON CONFLICT (name) DO NOTHING RETURNING id',
      [body.environment],
      [body.environment, body.environment],
    )
    const inserted = await client.query(
      `INSERT INTO deployment (service_id, source, external_id, environment_id, status, started_at, finished_at, sha)
       VALUES ($1, 'api', $2, $3, $4::"DeploymentStatus", $5, $6, $7)
       ON CONFLICT (service_id, source, external_id) DO NOTHING
       RETURNING id, status::text AS status, started_at AS "startedAt", finished_at AS "finishedAt", sha, created_at AS "createdAt"`,
      [service.id, body.id, env.id, body.status, body.startedAt, body.finishedAt, body.sha],
    )
    const deployment = inserted.rows[0]
    let outcome = 'unchanged'
    if (deployment) {
      outcome = 'created'
      if (body.commits.length > 0) {
        const shas = body.commits.map((c) => c.sha)
        await client.query(
          `INSERT INTO change AS c (service_id, sha, committed_at, pr_number)
           SELECT $1, * FROM unnest($2::text[], $3::timestamptz[], $4::int[])
           ON CONFLICT (service_id, sha) DO UPDATE SET committed_at = COALESCE(EXCLUDED.committed_at, c.committed_at),
             pr_number = COALESCE(EXCLUDED.pr_number, c.pr_number)
           WHERE (c.committed_at, c.pr_number) IS DISTINCT FROM
             (COALESCE(EXCLUDED.committed_at, c.committed_at), COALESCE(EXCLUDED.pr_number, c.pr_number))`,
          [service.id, shas, body.commits.map((c) => c.committedAt), body.commits.map((c) => c.prNumber)],
        )
        await client.query(
          `INSERT INTO deployment_change (deployment_id, change_id)
           SELECT $1, id FROM change WHERE service_id = $2 AND sha = ANY($3::text[]) ORDER BY id ON CONFLICT DO NOTHING`,
          [deployment.id, service.id, shas],
        )
        await client.query(
          `INSERT INTO change_first_deployment (change_id, environment_id, deployment_id, deployed_at, service_id, committed_at, pr_number, pr_merged_at)
           SELECT DISTINCT ON (other.change_id, d.environment_id) other.change_id, d.environment_id, d.id, d.finished_at,
             c.service_id, coalesce(c.committed_at, c.authored_at), c.pr_number, c.pr_merged_at
           FROM deployment_change mine
           JOIN deployment_change other ON other.change_id = mine.change_id
           JOIN deployment d ON d.id = other.deployment_id
           JOIN change c ON c.id = mine.change_id
           WHERE mine.deployment_id = $1 AND d.status = 'success' AND d.finished_at IS NOT NULL AND d.environment_id = $2
           ORDER BY other.change_id, d.environment_id, d.finished_at, d.id
           ON CONFLICT (change_id, environment_id) DO UPDATE
             SET deployment_id = EXCLUDED.deployment_id, deployed_at = EXCLUDED.deployed_at
             WHERE (EXCLUDED.deployed_at, EXCLUDED.deployment_id) < (change_first_deployment.deployed_at, change_first_deployment.deployment_id)`,
          [deployment.id, env.id],
        )
      }
    }
    await client.query(
      `INSERT INTO ingest_log (source, kind, token_id, raw_body, outcome, received_at, processed_at)
       VALUES ('api', 'deployment', $1, $2, $3, $4, now())`,
      [caller.tokenId, raw, outcome, receivedAt],
    )
    await client.query('COMMIT')
    const data = deployment
      ? { ...deployment, service: body.service, environment: body.environment, source: 'api', externalId: body.id, commitCount: body.commits.length }
      : { externalId: body.id }
    return { status: deployment ? 201 : 200, payload: { data, outcome } }
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}

function send(res: http.ServerResponse, status: number, payload: unknown) {
  const text = JSON.stringify(payload)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const server = http.createServer((req, res) => {
  const receivedAt = new Date()
  const url = req.url ?? '/'
  if (req.method === 'GET' && url === '/api/health') {
    pool.query('SELECT 1').then(() => send(res, 200, { status: 'ok' }), (err: Error) => send(res, 503, { error: err.message }))
    return
  }
  if (req.method !== 'POST' || !url.startsWith('/api/v1/deployments')) return send(res, 404, { error: { code: 'NOT_FOUND' } })
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  if (!match?.[1]) return send(res, 401, { error: { code: 'UNAUTHORIZED' } })
  if (!/^application\/(.+\+)?json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return send(res, 415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } })
  const token = match[1]
  readBody(req)
    .then((raw) => ingest(raw, token, receivedAt))
    .then(
      ({ status, payload }) => send(res, status, payload),
      (err: Error) => {
        const status = err instanceof HttpError ? err.status : err instanceof SyntaxError ? 400 : 500
        if (status === 500) console.error(err)
        send(res, status, { error: { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST', message: err.message } })
      },
    )
})

server.keepAliveTimeout = 65_000
server.listen(port, '127.0.0.1', () => console.log(`bare server on http://127.0.0.1:${port}`))

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close()
    server.closeAllConnections()
    pool.end().finally(() => process.exit(0))
  })
}
