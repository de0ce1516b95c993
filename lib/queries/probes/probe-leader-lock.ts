import sql from 'sql-template-tag'
import type pg from 'pg'

// The probe scheduler's leader lock. Session-level, not transaction-level: held for as long as the
// connection that took it lives, and released by PostgreSQL when that connection closes, however the
// process that held it ended. (So it needs a direct connection, not PgBouncer in transaction mode.)
export async function tryProbeLeaderLock(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ taken: boolean }>(sql`SELECT pg_try_advisory_lock(hashtextextended('plimsoll.probe-scheduler', 0)) AS taken`)
  return rows[0]!.taken
}

// A round trip on the leader's connection: while it answers, the session and its lock are alive.
export async function sessionPid(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)
  return rows[0]!.pid
}
