import pg from 'pg'
import type { Sql } from 'sql-template-tag'
import { env } from '@/lib/env'
import { logger } from '@/lib/logger'

// All SQL runs on node-pg with bound parameters (queries are built with sql-template-tag in lib/queries).
// Prisma owns the schema and the migrations; its client is not used at run time because on the ingest
// path it cost ~5 ms of CPU per request against ~1 ms for pg (docs/performance.md).
export type Queryable = pg.Pool | pg.ClientBase
export type Tx = pg.PoolClient

// Session settings for the metrics queries, measured in docs/performance.md: JIT compiles for ~1 s per
// large query and gains nothing on index scans; 4 MB work_mem spills every org-wide sort to disk; and the
// default random_page_cost makes the planner walk a whole time index instead of the per-service one.
// (The embedded PGlite ignores startup options; its databases are small.)
export const SESSION_SETTINGS = '-c jit=off -c work_mem=32MB -c random_page_cost=1.1'

const globalForPool = globalThis as unknown as { plimsollPool?: pg.Pool; plimsollReadPool?: pg.Pool }

function createPool(connectionString: string): pg.Pool {
  const { DB_POOL_MAX, DB_CONNECT_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS } = env()
  const created = new pg.Pool({
    connectionString,
    max: DB_POOL_MAX,
    // wait for a free connection under bursts, but answer 503 rather than hang when the database is gone
    // or saturated: every request ends well inside the 10 s a webhook sender waits (docs/reliability.md)
    connectionTimeoutMillis: DB_CONNECT_TIMEOUT_MS,
    statement_timeout: DB_STATEMENT_TIMEOUT_MS,
    // the database's answer is awaited at most this long past the statement timeout (a dead server
    // that keeps the socket open, or a network partition, would otherwise hang the request)
    query_timeout: DB_STATEMENT_TIMEOUT_MS + 5_000,
    idle_in_transaction_session_timeout: 60_000,
    // a connection to a server that went away is found dead by the kernel, not after minutes
    keepAlive: true,
    // PGOPTIONS (libpq's variable) comes last, so an operator can override a setting
    options: [SESSION_SETTINGS, process.env.PGOPTIONS].filter(Boolean).join(' '),
  })
  // an idle client losing its connection must not crash the process; the next query reconnects
  created.on('error', (err) => logger.warn({ err }, 'idle database connection failed'))
  return created
}

export function pool(): pg.Pool {
  globalForPool.plimsollPool ??= createPool(env().DATABASE_URL)
  return globalForPool.plimsollPool
}

// The metrics queries read here: a hot standby when DATABASE_READ_URL is set (a few seconds behind
// the primary at most, which a dashboard tolerates), else the primary's pool.
export function readPool(): pg.Pool {
  const url = env().DATABASE_READ_URL
  if (!url) return pool()
  globalForPool.plimsollReadPool ??= createPool(url)
  return globalForPool.plimsollReadPool
}

export async function queryRows<T>(client: Queryable, query: Sql): Promise<T[]> {
  return (await client.query(query)).rows as T[]
}

// Deadlocks and serialization failures roll back the whole transaction; running it again is safe.
const RETRYABLE = new Set(['40P01', '40001'])
const ATTEMPTS = 3

export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  let retryPause: Promise<unknown> | undefined
  for (let attempt = 1; ; attempt++) {
    await retryPause
    const client = await pool().connect()
    try {
      await client.query('BEGIN')
      const result = await fn(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      const code = (err as { code?: unknown }).code
      if (attempt < ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code)) {
        logger.warn({ code, attempt }, 'transaction rolled back by the database; retrying')
        // a random pause, so the two sides of a deadlock do not meet again at once (the fuzz test of
        // docs/reliability.md saw three deadlocks in a row without it)
        retryPause = new Promise((r) => setTimeout(r, Math.random() * 50 * attempt))
        continue
      }
      throw err
    } finally {
      client.release()
    }
  }
}

// A single connection for scripts and tests that talk to a database other than the app's.
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}
