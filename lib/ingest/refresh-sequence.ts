import type { Tx } from '@/lib/db'
import { clearRollbackFlags, latestOfVersions, refreshNextSuccess, refreshRollbackFlags, type SequenceRange } from '@/lib/queries/refresh-rollback-flags'

type SequencePosition = { id: number; environmentId: number; status: string; finishedAt: Date | null; version: string | null }

const inSequence = (d: SequencePosition) => (d.status === 'success' || d.status === 'failure') && d.finishedAt !== null

// A deployment was written (before: its previous state, if any): refresh the rollback flags of its old
// and new neighbours, and of later deployments of its version (redeploying it may now be a rollback),
// and the next successes of the deployments before its old and new places.
export async function refreshSequenceAround(tx: Tx, serviceId: number, before: SequencePosition | null, after: SequencePosition): Promise<void> {
  if (!inSequence(after)) await clearRollbackFlags(tx, after.id)
  const byEnvironment = new Map<number, SequenceRange>()
  for (const d of [before, after]) {
    if (!d || !inSequence(d)) continue
    const at = d.finishedAt!
    const range = byEnvironment.get(d.environmentId)
    if (range) {
      range.from = range.from! < at ? range.from : at
      range.to = range.to! > at ? range.to : at
    } else {
      byEnvironment.set(d.environmentId, { serviceId, environmentId: d.environmentId, from: at, to: at })
    }
  }
  const versions = [before?.version, after.version].filter((v): v is string => Boolean(v))
  for (const range of byEnvironment.values()) {
    const latest = await latestOfVersions(tx, serviceId, range.environmentId, versions)
    if (latest && latest > range.to!) range.to = latest
  }
  await refreshRollbackFlags(tx, [...byEnvironment.values()])
  await refreshNextSuccess(tx, [...byEnvironment.values()])
}
