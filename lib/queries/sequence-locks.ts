import sql from 'sql-template-tag'
import { queryRows, type Tx } from '@/lib/db'
import type { DeploymentKey } from '@/lib/queries/upsert-deployment-row'

// A service and environment's deployment sequence: its deployments' rollback flags and next successes,
// its first deployments of each change and their pull request copies. Whoever writes any of these holds
// the sequence's lock until commit, so concurrent writers never compute them from two snapshots.
export type SequenceKey = { serviceId: number; environmentId: number }

// A transaction found, after taking its locks, that it needs a sequence lock another transaction holds.
// Waiting for it could close a cycle, so it rolls back and runs again (lib/db.ts retries SQLSTATE 40001),
// and this time sees the row that made it needed and takes the lock with the others.
export class LockOrderConflict extends Error {
  readonly code = '40001'
  constructor(keys: SequenceKey[]) {
    super(`sequence lock(s) ${keys.map((k) => `${k.serviceId}/${k.environmentId}`).join(', ')} became needed after the transaction took its locks; retrying`)
    this.name = 'LockOrderConflict'
  }
}

const id = (k: SequenceKey) => `${k.serviceId}/${k.environmentId}`

// The locks every transaction that writes deployments, changes or first deployments takes, in one
// global order (docs/reliability.md, "Deadlocks"):
//   1. at its start, every sequence lock it will need, sorted by (service, environment);
//   2. then the change rows, sorted by (service, sha): one upsert per service, services in id order;
//   3. then deployment and first-deployment rows, which only holders of their sequence's lock write.
// Nobody waits for a step-1 lock while holding a step-2 row, and step-2 rows are taken in one sorted
// pass, so two transactions never wait on each other in a cycle. A sequence lock found needed after
// step 1 (a concurrent commit moved a deployment or first-deployed a change since this transaction
// looked) is only tried, never waited for: held elsewhere, it restarts the transaction.
export class SequenceLocks {
  private readonly held = new Set<string>()
  private started = false

  constructor(private readonly tx: Tx) {}

  async takeInOrder(keys: SequenceKey[]): Promise<void> {
    if (this.started) throw new Error('sequence locks are taken in one step, at the start of the transaction')
    this.started = true
    const wanted = this.missing(keys)
    if (wanted.length === 0) return
    // the subquery's order is the order the locks are taken in
    await this.tx.query(sql`
      SELECT pg_advisory_xact_lock(s, e)
      FROM (SELECT s, e FROM unnest(${wanted.map((k) => k.serviceId)}::int[], ${wanted.map((k) => k.environmentId)}::int[]) AS k(s, e) ORDER BY s, e) k`)
    for (const k of wanted) this.held.add(id(k))
  }

  async ensure(keys: SequenceKey[]): Promise<void> {
    const wanted = this.missing(keys)
    if (wanted.length === 0) return
    const rows = await queryRows<SequenceKey & { ok: boolean }>(this.tx, sql`
      SELECT s AS "serviceId", e AS "environmentId", pg_try_advisory_xact_lock(s, e) AS ok
      FROM (SELECT s, e FROM unnest(${wanted.map((k) => k.serviceId)}::int[], ${wanted.map((k) => k.environmentId)}::int[]) AS k(s, e) ORDER BY s, e) k`)
    for (const k of rows) if (k.ok) this.held.add(id(k))
    const refused = rows.filter((k) => !k.ok)
    if (refused.length > 0) throw new LockOrderConflict(refused)
  }

  private missing(keys: SequenceKey[]): SequenceKey[] {
    const byId = new Map<string, SequenceKey>()
    for (const k of keys) if (!this.held.has(id(k))) byId.set(id(k), k)
    return [...byId.values()].sort((a, b) => a.serviceId - b.serviceId || a.environmentId - b.environmentId)
  }
}

// The sequences stored deployments are in now: re-sending one to another environment moves it out of
// its current sequence, whose lock the move then needs too.
export async function currentSequencesOf(tx: Tx, keys: DeploymentKey[]): Promise<SequenceKey[]> {
  if (keys.length === 0) return []
  return queryRows<SequenceKey>(tx, sql`
    SELECT DISTINCT d.service_id AS "serviceId", d.environment_id AS "environmentId"
    FROM unnest(${keys.map((k) => k.serviceId)}::int[], ${keys.map((k) => k.source)}::text[], ${keys.map((k) => k.externalId)}::text[])
      AS k(service_id, source, external_id)
    JOIN deployment d ON d.service_id = k.service_id AND d.source = k.source AND d.external_id = k.external_id`)
}
