import { withTransaction } from '@/lib/db'
import { assertTeam, type Caller } from '@/lib/auth/resolve-caller'
import type { IngestOutcome } from '@/lib/ingest/outcome'
import type { RawRequest } from '@/lib/ingest/ingest-deployments'
import type { PullRequestBody } from '@/lib/validation/pull-requests'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { upsertPullRequest } from '@/lib/queries/upsert-pull-request'
import { getPullRequest } from '@/lib/queries/get-pull-request'
import { sequencesChangedBy, upsertChangesInOrder } from '@/lib/queries/link-deployment-changes'
import { SequenceLocks } from '@/lib/queries/sequence-locks'
import { insertIngestLog } from '@/lib/queries/insert-ingest-log'

// A pull request from a host Plimsoll has no connector for (POST /api/v1/pull-requests, the CLI): stored
// as GitHub's and GitLab's are (each time the earliest heard of; title, author, labels and size the
// newest post's), and its merge commit, when named, linked to it as a change of the service.
export async function ingestPullRequest(caller: Caller, body: PullRequestBody, request: RawRequest) {
  return withTransaction(async (tx) => {
    const service = await findOrCreateService(tx, caller.teamId, { slug: body.service })
    assertTeam(caller, service.teamId, `service "${service.slug}"`)
    const { service: _slug, number, mergeSha, ...facts } = body
    // a post that describes the pull request (title, author, size, labels) is its newest description; one
    // that only sends times describes nothing, so reposting times is "unchanged"
    const describing = [facts.title, facts.url, facts.author, facts.authorIsBot, facts.additions, facts.deletions, facts.changedFiles, facts.labels]
    const describes = describing.some((v) => v !== undefined)
    const stored = await upsertPullRequest(tx, [service.id], number, { ...facts, source: 'api', factsAt: describes ? request.receivedAt : undefined })
    let linked = 0
    if (mergeSha) {
      const commits = new Map([[service.id, [{ sha: mergeSha, prNumber: number, prOpenedAt: body.openedAt, prMergedAt: body.mergedAt }]]])
      // the lock order of deployment ingest, which writes the same change rows
      const locks = new SequenceLocks(tx)
      await locks.takeInOrder(await sequencesChangedBy(tx, commits))
      linked = (await upsertChangesInOrder(tx, locks, commits)).size
    }
    const outcome: IngestOutcome = stored.created ? 'created' : stored.changed || linked ? 'updated' : 'unchanged'
    await insertIngestLog(tx, { source: 'api', kind: request.kind, tokenId: caller.tokenId, rawBody: request.raw, outcome, receivedAt: request.receivedAt })
    return { outcome, pullRequest: (await getPullRequest(tx, service.id, number))! }
  })
}
