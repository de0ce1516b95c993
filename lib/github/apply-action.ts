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
import type { CommitInput } from '@/lib/validation/deployments'
import { upsertPullRequest } from '@/lib/queries/upsert-pull-request'

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
      const changed = await storeChanges(action.commits, services, action.paths)
      return { outcome: changed ? 'updated' : 'unchanged', note: `${action.commits.length} commit(s), ${changed} new or changed` }
    }
    case 'pullRequest': {
      // every service of the repository: the ones holding its changes read it (monorepos)
      const stored = await upsertPullRequest(pool(), services.map((s) => s.serviceId), action.number, action.facts)
      const linked = action.commits.length ? await storeChanges(action.commits, services) : 0
      const outcome = stored.created ? 'created' : stored.changed || linked ? 'updated' : 'unchanged'
      return { outcome, note: `pull request ${action.number} ${outcome}${linked ? ', merge commit linked' : ''}` }
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

// Commits routed among the repository's services by the paths they touch; a commit without paths (a
// merge commit named by a pull request) goes only to the services that already hold it.
async function storeChanges(commits: CommitInput[], services: MappedRepository[], paths?: Record<string, string[]>): Promise<number> {
  const routed = routeCommits(services, commits, paths)
  return withTransaction(async (tx) => {
    const batches: Parameters<typeof commitsByService>[0] = []
    for (const r of routed) {
      const held = r.ifKnown.length ? await listServiceShas(tx, r.serviceId, r.ifKnown.map((c) => c.sha)) : new Set<string>()
      batches.push({ serviceId: r.serviceId, commits: [...r.commits, ...r.ifKnown.filter((c) => held.has(c.sha))] })
    }
    // the lock order of deployment ingest (SequenceLocks), which writes the same rows
    const byService = commitsByService(batches)
    const locks = new SequenceLocks(tx)
    await locks.takeInOrder(await sequencesChangedBy(tx, byService))
    return (await upsertChangesInOrder(tx, locks, byService)).size
  })
}
