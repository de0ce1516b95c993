import { logger } from '@/lib/logger'
import { backfillRepository } from '@/lib/github/backfill'
import { connectionClient } from '@/lib/github/connection-client'
import { findPlimsollHook, importMissedDeliveries } from '@/lib/github/missed-deliveries'
import { processDelivery } from '@/lib/github/process-delivery'
import { listReconcilableOrganisations, listReconcilableRepositories, recordOrganisationReconciliation, recordReconciliation, type ReconcilableOrganisation } from '@/lib/queries/github-backfill'
import { pruneCachedResponses } from '@/lib/queries/github-etags'

const DAY_MS = 86_400_000

export type ReconcileResult = { repositories: number; gaps: number; missedDeliveries: number; notModified: number }

// The scheduled reconciliation (GitHub does not retry failed deliveries), per mapped repository of a
// connection with API credentials: import the hook's failed deliveries that never reached Plimsoll
// and process them, then re-read the recent deployments, pull requests and incident issues (with
// conditional requests: an unchanged list costs no quota) and store what is still missing. The gaps
// found (missed deliveries, then deployments and incidents only the re-reading found) are recorded
// per repository with the time of the pass.
export async function reconcileGithub(opts: { days?: number; now?: Date } = {}): Promise<ReconcileResult> {
  const days = opts.days ?? 2
  const since = new Date((opts.now ?? new Date()).getTime() - days * DAY_MS)
  let orgMissed = 0
  for (const o of await listReconcilableOrganisations()) {
    try {
      orgMissed += (await reconcileOrganisation(o, since)).length
    } catch (err) {
      logger.error({ err, organisation: o.organisation }, 'GitHub reconciliation of an organisation hook failed')
    }
  }
  // after the organisations: repositories their missed deliveries mapped are re-read too
  const repos = await listReconcilableRepositories()
  const total: ReconcileResult = { repositories: repos.length, gaps: orgMissed, missedDeliveries: orgMissed, notModified: 0 }
  for (const r of repos) {
    try {
      const client = await connectionClient(r.connectionId, { etags: true })
      if (!client) continue
      const [owner, repo] = r.fullName.split('/') as [string, string]
      const hookId = r.hookId ?? (await findPlimsollHook(client.github, { owner, repo }))
      const missed = hookId ? await importMissedDeliveries({ github: client.github, connectionId: r.connectionId, scope: { owner, repo }, hookId, since }) : []
      // processed now, so the re-reading below does not count them again (the worker would retry a failure)
      await processMissed(missed)
      const result = await backfillRepository({ github: client.github, connectionId: r.connectionId, fullName: r.fullName, days, now: opts.now, mode: 'reconcile' })
      const gaps = missed.length + result.created
      await recordReconciliation(r.connectionId, r.fullName, gaps, hookId)
      await pruneCachedResponses(r.connectionId, '7 days')
      total.gaps += gaps
      total.missedDeliveries += missed.length
      total.notModified += client.conditional?.notModified ?? 0
      if (gaps) logger.warn({ repository: r.fullName, missedDeliveries: missed.length, gaps }, 'reconciliation stored what the webhooks missed')
    } catch (err) {
      // one repository's failure (revoked token, renamed repository) must not stop the others
      logger.error({ err, repository: r.fullName }, 'GitHub reconciliation failed')
    }
  }
  return total
}

// An organisation-level connection's hook covers all of its repositories: its failed deliveries are
// read back once per organisation and processed (which maps a repository seen for the first time),
// then recorded as gaps of the repositories they came from.
export async function reconcileOrganisation(o: ReconcilableOrganisation, since: Date): Promise<string[]> {
  const client = await connectionClient(o.connectionId, { etags: true })
  if (!client) return []
  const scope = { org: o.organisation }
  const hookId = await findPlimsollHook(client.github, scope)
  const missed = hookId ? await importMissedDeliveries({ github: client.github, connectionId: o.connectionId, scope, hookId, since }) : []
  await processMissed(missed)
  await recordOrganisationReconciliation(o.connectionId, missed)
  if (missed.length) logger.warn({ organisation: o.organisation, missedDeliveries: missed.length }, 'reconciliation stored what the organisation hook missed')
  return missed
}

async function processMissed(ids: string[]) {
  for (const id of ids) await processDelivery(id).catch((err: unknown) => logger.warn({ err, id }, 'a missed delivery failed: left to the worker'))
}
