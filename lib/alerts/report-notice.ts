import { plimsollUrl } from '@/lib/alerts/plimsoll-url'
import { pool } from '@/lib/db'
import { enqueueNotification } from '@/lib/notify/enqueue'
import { getTeamBySlug } from '@/lib/queries/get-team'
import { getReportContent } from '@/lib/queries/reports/list-reports'
import type { StoredReport } from '@/lib/queries/reports/insert-report'
import { reportFilename } from '@/lib/reports/generate-report'
import type { NotificationInput } from '@/lib/validation/notifications'

// E-mail attachments are bounded by enqueueNotification's schema (10 MiB); a larger PDF goes as its link only.
const MAX_ATTACHMENT = 10 * 1024 * 1024

// A quarterly report built by the worker, to its team's channels: links to /reports and to the file, and
// the PDF itself for e-mail channels (chat channels get the links).
export function reportNotice(team: { id: number; name: string }, r: StoredReport & { content: Buffer }): NotificationInput {
  const attach = r.byteSize <= MAX_ATTACHMENT
  return {
    teamId: team.id,
    kind: 'report',
    key: `report:${r.id}`,
    title: `Quarterly report: Team ${team.name}, ${r.periodLabel}`,
    summary: `The ${r.periodLabel} report is stored (SHA-256 ${r.sha256}).${attach ? ' The PDF is attached to e-mails.' : ''}`,
    severity: 'info',
    fields: [{ label: 'Period', value: r.periodLabel }, { label: 'Size', value: `${Math.ceil(r.byteSize / 1024)} KiB` }],
    links: [{ label: 'Download', url: plimsollUrl(`/api/dashboard/reports/${r.id}`) }, { label: 'All reports', url: plimsollUrl('/reports') }],
    attachments: attach ? [{ filename: reportFilename(r, r.id), contentType: r.contentType, content: r.content }] : [],
  }
}

// Sends a stored team report's notice (again: its key makes a rerun send nothing new). The organisation's
// report has no team, so no channel.
export async function notifyReport(reportId: number, team: string | undefined): Promise<void> {
  if (!team) return
  const [ref, report] = await Promise.all([getTeamBySlug(team), getReportContent(reportId, 'all')])
  if (!ref || !report) return
  await enqueueNotification(pool(), reportNotice(ref, report))
}
