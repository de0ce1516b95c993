import { env } from '@/lib/env'
import { logger } from '@/lib/logger'
import { openSecret, secretKeyFrom } from '@/lib/crypto/secret-box'
import { backfillRepository } from '@/lib/github/backfill'
import { githubClient } from '@/lib/github/github-client'
import { listReconcilableRepositories, recordReconciliation } from '@/lib/queries/github-backfill'

// The scheduled reconciliation (GitHub does not retry failed deliveries): re-read each mapped
// repository's recent deployments through the API and store what the webhooks missed.
export async function reconcileGithub(opts: { days?: number; now?: Date } = {}): Promise<{ repositories: number; gaps: number }> {
  const repos = await listReconcilableRepositories()
  if (repos.length === 0) return { repositories: 0, gaps: 0 }
  const key = secretKeyFrom(env().PLIMSOLL_SECRET_KEY)
  let gaps = 0
  for (const r of repos) {
    try {
      const github = githubClient({ token: openSecret(r.apiTokenEnc, key), baseUrl: r.baseUrl })
      const result = await backfillRepository({ github, connectionId: r.connectionId, fullName: r.fullName, days: opts.days ?? 2, now: opts.now, mode: 'reconcile' })
      await recordReconciliation(r.connectionId, r.fullName, result.created)
      gaps += result.created
      if (result.created) logger.warn({ repository: r.fullName, gaps: result.created }, 'reconciliation stored deployments whose webhooks never arrived')
    } catch (err) {
      // one repository's failure (revoked token, renamed repository) must not stop the others
      logger.error({ err, repository: r.fullName }, 'GitHub reconciliation failed')
    }
  }
  return { repositories: repos.length, gaps }
}
