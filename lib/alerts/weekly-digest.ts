import { digestNotice } from '@/lib/alerts/digest-notice'
import { dueDigestWeek, type DigestWeek } from '@/lib/alerts/digest-schedule'
import { withTransaction } from '@/lib/db'
import { parseOverviewParams } from '@/lib/dashboard/overview-params'
import { serviceScorecard } from '@/lib/dashboard/scorecard'
import { enqueueNotification } from '@/lib/notify/enqueue'
import { claimDigest, digestSent, listDigestTeams } from '@/lib/queries/alerts/team-digests'
import { listFilterOptions } from '@/lib/queries/list-filter-options'

// Sends the weekly digest of every team whose Monday 09:00 has come (dueDigestWeek), once per team and
// week: the week is claimed in the transaction that enqueues the digest, so a rerun sends nothing.
export async function sendDueDigests(now: Date, opts: { teamIds?: number[] } = {}): Promise<{ teamId: number; week: DigestWeek }[]> {
  const sent: { teamId: number; week: DigestWeek }[] = []
  for (const team of await listDigestTeams(opts.teamIds ?? null)) {
    const week = dueDigestWeek(now, team.timeZone)
    if (!week || (await digestSent(team.id, week.weekStart))) continue
    const parsed = parseOverviewParams({ range: 'custom', from: week.from, to: week.to }, now, team.timeZone)
    if (!parsed.ok) throw new Error(`digest window of team ${team.slug}: ${JSON.stringify(parsed.errors)}`)
    // the team's grid over the week: the same figures as /teams/<slug> for that range
    const card = await serviceScorecard(parsed.params, team, await listFilterOptions([team.id]), now)
    const notice = digestNotice(team, week, card)
    await withTransaction(async (tx) => {
      if (!(await claimDigest(tx, team.id, week.weekStart))) return
      await enqueueNotification(tx, notice)
      sent.push({ teamId: team.id, week })
    })
  }
  return sent
}
