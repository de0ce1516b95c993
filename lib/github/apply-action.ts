import { pool, withTransaction } from '@/lib/db'
import { AppError } from '@/lib/http/app-error'
import { ingestDeployments, type RawRequest } from '@/lib/ingest/ingest-deployments'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import type { IngestOutcome } from '@/lib/ingest/outcome'
import { commitsByService, sequencesChangedBy, upsertChangesInOrder } from '@/lib/queries/link-deployment-changes'
import { SequenceLocks } from '@/lib/queries/sequence-locks'
import { listServiceShas } from '@/lib/queries/github-changes'
import type { MappedRepository } from '@/lib/queries/github-connections'
import { routeCommits } from '@/lib/github/route-commits'
import { listUndeployedChangesUpTo } from '@/lib/queries/undeployed-changes'
import type { GithubAction } from '@/lib/github/map-events'
import type { Caller } from '@/lib/auth/resolve-caller'

export type AppliedAction = { note: string; outcome: IngestOutcome }

// Writes what a GitHub event means through the same ingest paths as the API (idempotent by GitHub's
// ids): shared by the webhook worker and the history import (pull requests, issues), so both store the
// same rows. `service` is the one the event was mapped for; a push's commits are routed among all the
// repository's `services` by the paths they touch (monorepos).
export async function applyGithubAction(action: Exclude<GithubAction, { kind: 'ignored' }>, caller: Caller, request: RawRequest, service: MappedRepository, services: MappedRepository[] = [service]): Promise<AppliedAction> {
  const serviceId = service.serviceId
  switch (action.kind) {
    case 'deployment': {
      const input = action.input
      // the commits it carried: those pushed up to its sha and not yet deployed to this environment
      if (input.status === 'success' && input.sha) {
        // in a monorepo the deployed commit may belong to another of the repository's services
        const shas = await listUndeployedChangesUpTo(pool(), serviceId, input.environment.name, input.sha, services.map((s) => s.serviceId))
        input.commits = shas.map((sha) => ({ sha }))
      }
      const { outcome } = await ingestDeployments(caller, [input], request)
      return { outcome, note: `deployment ${input.externalId} ${outcome}${input.commits.length ? `, ${input.commits.length} commit(s)` : ''}` }
    }
    case 'changes': {
      const routed = routeCommits(services, action.commits, action.paths)
      const changed = await withTransaction(async (tx) => {
        const batches: Parameters<typeof commitsByService>[0] = []
        for (const r of routed) {
          const held = r.ifKnown.length ? await listServiceShas(tx, r.serviceId, r.ifKnown.map((c) => c.sha)) : new Set<string>()
          batches.push({ serviceId: r.serviceId, commits: [...r.commits, ...r.ifKnown.filter((c) => held.has(c.sha))] })
        }
        // the lock order of deployment ingest (SequenceLocks), which writes the same rows
        const commits = commitsByService(batches)
        const locks = new SequenceLocks(tx)
        await locks.takeInOrder(await sequencesChangedBy(tx, commits))
        return (await upsertChangesInOrder(tx, locks, commits)).size
      })
      return { outcome: changed ? 'updated' : 'unchanged', note: `${action.commits.length} commit(s), ${changed} new or changed` }
    }
    case 'incident': {
      try {
        const { outcome } = await ingestIncident(caller, action.body, request, 'github')
        return { outcome, note: `incident ${action.body.id} ${outcome}` }
      } catch (err) {
        // the issue names a sha no deployment carried: keep the incident, leave the cause to attribution
        if (err instanceof AppError && err.fields?.some((f) => f.path === 'causeSha')) {
          const { outcome } = await ingestIncident(caller, { ...action.body, causeSha: undefined }, request, 'github')
          return { outcome, note: `incident ${action.body.id} ${outcome}; the sha it names (${action.body.causeSha}) was not deployed` }
        }
        throw err
      }
    }
  }
}
