import sql from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'

export type PullRequestRow = {
  number: number; source: string; title: string | null; url: string | null; author: string | null; authorIsBot: boolean
  firstCommitAt: Date | null; openedAt: Date | null; readyAt: Date | null; firstReviewAt: Date | null; approvedAt: Date | null
  mergedAt: Date | null; closedAt: Date | null; additions: number | null; deletions: number | null; changedFiles: number | null; labels: string[]
}

// One service's pull request as stored (what POST /api/v1/pull-requests answers with).
export async function getPullRequest(db: Queryable, serviceId: number, number: number): Promise<PullRequestRow | undefined> {
  const [row] = await queryRows<PullRequestRow>(db, sql`
    SELECT number, source, title, url, author_login AS author, author_is_bot AS "authorIsBot", first_commit_at AS "firstCommitAt",
      opened_at AS "openedAt", ready_at AS "readyAt", first_review_at AS "firstReviewAt", approved_at AS "approvedAt", merged_at AS "mergedAt",
      closed_at AS "closedAt", additions, deletions, changed_files AS "changedFiles", labels
    FROM pull_request WHERE service_id = ${serviceId} AND number = ${number}`)
  return row
}
