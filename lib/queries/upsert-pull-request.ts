import sql, { join, raw } from 'sql-template-tag'
import { queryRows, type Queryable } from '@/lib/db'
import type { PullRequestFacts } from '@/lib/validation/pull-requests'

// Stores what one event or import says about a pull request, for each of `serviceIds` (a monorepo's
// pull request belongs to every service of its repository; only the services holding its changes ever
// read it). Every time keeps the earliest heard of and title/author/labels/size the newest payload's,
// so deliveries in any order, imports and replays give the same row. Returns how many rows were new or changed.
export async function upsertPullRequest(
  db: Queryable, serviceIds: number[], number: number, f: PullRequestFacts,
): Promise<{ created: number; changed: number }> {
  if (serviceIds.length === 0) return { created: 0, changed: 0 }
  const factsAt = f.factsAt ?? null
  // this payload describes the pull request at least as recently as the stored one
  const newer = sql`(${factsAt}::timestamptz IS NOT NULL AND (p.facts_at IS NULL OR ${factsAt}::timestamptz >= p.facts_at))`
  // column: one of the fixed names below, never input
  const described = (column: string) => sql`CASE WHEN ${newer} THEN COALESCE(EXCLUDED.${raw(column)}, p.${raw(column)})
    ELSE COALESCE(p.${raw(column)}, EXCLUDED.${raw(column)}) END`
  const parts = [
    sql`LEAST(p.first_commit_at, EXCLUDED.first_commit_at)`, sql`LEAST(p.opened_at, EXCLUDED.opened_at)`, sql`LEAST(p.ready_at, EXCLUDED.ready_at)`,
    sql`LEAST(p.first_review_at, EXCLUDED.first_review_at)`, sql`LEAST(p.approved_at, EXCLUDED.approved_at)`,
    sql`LEAST(p.merged_at, EXCLUDED.merged_at)`, sql`LEAST(p.closed_at, EXCLUDED.closed_at)`,
    described('title'), sql`COALESCE(p.url, EXCLUDED.url)`, described('author_login'),
    // a bot stays a bot: no payload unmarks one
    sql`p.author_is_bot OR EXCLUDED.author_is_bot`,
    described('additions'), described('deletions'), described('changed_files'),
    sql`CASE WHEN ${f.labels !== undefined} AND (${newer} OR cardinality(p.labels) = 0) THEN EXCLUDED.labels ELSE p.labels END`,
    sql`GREATEST(p.facts_at, EXCLUDED.facts_at)`,
  ]
  const names = ['first_commit_at', 'opened_at', 'ready_at', 'first_review_at', 'approved_at', 'merged_at', 'closed_at', 'title', 'url', 'author_login',
    'author_is_bot', 'additions', 'deletions', 'changed_files', 'labels', 'facts_at']
  const columns = raw(names.join(', '))
  const stored = raw(names.map((n) => `p.${n}`).join(', '))
  const rows = await queryRows<{ created: boolean }>(db, sql`
    INSERT INTO pull_request AS p (service_id, number, source, title, url, author_login, author_is_bot, first_commit_at, opened_at, ready_at,
      first_review_at, approved_at, merged_at, closed_at, additions, deletions, changed_files, labels, facts_at)
    SELECT s, ${number}, ${f.source}, ${f.title ?? null}, ${f.url ?? null}, ${f.author ?? null}, ${f.authorIsBot ?? false},
      ${f.firstCommitAt ?? null}::timestamptz, ${f.openedAt ?? null}::timestamptz, ${f.readyAt ?? null}::timestamptz,
      ${f.firstReviewAt ?? null}::timestamptz, ${f.approvedAt ?? null}::timestamptz, ${f.mergedAt ?? null}::timestamptz,
      ${f.closedAt ?? null}::timestamptz, ${f.additions ?? null}::int, ${f.deletions ?? null}::int, ${f.changedFiles ?? null}::int,
      ${f.labels ?? []}::text[], ${factsAt}::timestamptz
    FROM unnest(${serviceIds}::int[]) AS s ORDER BY s
    ON CONFLICT (service_id, number) DO UPDATE SET (${columns}) = (${join(parts)})
    -- nothing new: no write, no row returned (an import or replay reports "unchanged")
    WHERE (${stored}) IS DISTINCT FROM (${join(parts)})
    RETURNING (xmax = 0) AS created`)
  return { created: rows.filter((r) => r.created).length, changed: rows.length }
}
