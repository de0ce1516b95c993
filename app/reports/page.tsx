import type { Metadata } from 'next'
import { ReportsClient } from '@/components/reports/reports-client'
import { listFilterOptions } from '@/lib/queries/list-filter-options'
import { listReports } from '@/lib/queries/reports/list-reports'
import { lastCompletedQuarter } from '@/lib/reports/period'
import { pageReadableTeams } from '@/lib/auth/page-user'
import { browserTimeZone } from '@/lib/time/browser-time-zone'
import { ZoneGuessed } from '@/components/layout/browser-time-zone'

export const metadata: Metadata = { title: 'Reports' }

export const dynamic = 'force-dynamic'

// Quarterly reports: build one now, download it, and every report generated so far (with its SHA-256)
// that the reader may read.
export default async function ReportsPage() {
  const readable = await pageReadableTeams()
  const [options, reports, tz] = await Promise.all([listFilterOptions(readable), listReports(readable), browserTimeZone()])
  return (
    <>
      <h1>Reports</h1>
      <ZoneGuessed tz={tz} fromUrl={false} />
      <p className="muted">
        A quarter&apos;s delivery and security report for the organisation, a team or a service, as PDF, CSV or JSON: the numbers
        of <code>GET /api/v1/metrics</code> for the same scope and quarter. Every report is stored unchanged with the SHA-256 of its
        bytes (<code>sha256sum</code> a copy to check it); the previous quarter&apos;s organisation and team reports are built at each quarter&apos;s end.
      </p>
      <ReportsClient organisation={readable === 'all'} teams={options.teams.map((t) => t.slug)} services={options.services.map((s) => s.slug)} initial={reports} defaultQuarter={lastCompletedQuarter(new Date())} tz={tz} />
    </>
  )
}
