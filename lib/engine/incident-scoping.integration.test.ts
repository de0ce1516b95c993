import { describe, expect, it } from 'vitest'
import sql from 'sql-template-tag'
import { getMetricsReport } from '@/lib/engine/get-metrics-report'
import { getMetricRecords } from '@/lib/engine/get-metric-records'
import { metricsQuery, metricRecordsQuery } from '@/lib/validation/metrics'
import { pool, queryRows } from '@/lib/db'
import { buildScenario } from '@/lib/testing/metric-scenario'
import { jsonRequest, signedInPerson } from '@/lib/testing/signed-in-person'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import { incidentBodySchema } from '@/lib/validation/incidents'
import { PATCH as patchService } from '@/app/api/settings/services/[slug]/route'
import { PATCH as patchIncident } from '@/app/api/dashboard/incidents/[id]/route'

// Incident scoping per service (docs/metrics.md): the attribution window, the severities that count for
// change failure rate and for time to restore, and the "not caused by a change" mark, changed through the
// API, each changing CFR and time to restore as computed here by hand.
const window = { from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z' }
const now = new Date('2026-04-15T00:00:00Z')
const H = 3600

describe('incident scoping', () => {
  it('window, CFR severities, restore severities and the mark change CFR and time to restore as hand-computed', async () => {
    const s = await buildScenario(process.env.DATABASE_URL!, ['03-05', '03-10', '03-15', '03-20', '03-25'].map((day, n) => (
      { service: 'api', id: `d${n + 1}`, at: `2026-${day}T00:00:00Z` })), [
      // 24 h after d1: attributed to it; low; restored in 2 h
      { service: 'api', id: 'iA', openedAt: '2026-03-06T00:00:00Z', resolvedAt: '2026-03-06T02:00:00Z', severity: 'low' },
      // names d2; critical; 4 h
      { service: 'api', id: 'iB', openedAt: '2026-03-10T12:00:00Z', resolvedAt: '2026-03-10T16:00:00Z', severity: 'critical', causeDeploymentId: 'd2' },
      // 24 h after d3 but not caused by a change; high; 6 h
      { service: 'api', id: 'iC', openedAt: '2026-03-16T00:00:00Z', resolvedAt: '2026-03-16T06:00:00Z', severity: 'high', notCausedByChange: true },
      // 96 h after d4: past the default 72 h window; medium; 8 h
      { service: 'api', id: 'iD', openedAt: '2026-03-24T00:00:00Z', resolvedAt: '2026-03-24T08:00:00Z', severity: 'medium' },
    ])
    const admin = await signedInPerson('admin')
    const slug = s.services.api!
    const metrics = async () => (await getMetricsReport(s.caller, metricsQuery.parse(window), now)).metrics
    const cfr = async () => {
      const m = await metrics()
      return { failures: m.changeFailureRate.summary.failures, rate: m.changeFailureRate.headline.value, restored: m.timeToRestore.summary.count,
        median: m.timeToRestore.summary.median, mean: m.timeToRestore.summary.mean }
    }
    const failedRecords = async () => {
      const page = await getMetricRecords(s.caller, 'changeFailureRate', metricRecordsQuery.parse({ ...window, limit: '50' }))
      return (page.data as { externalId: string; changeFailure: boolean }[]).filter((r) => r.changeFailure).map((r) => r.externalId).sort()
    }
    const settle = async (body: Record<string, unknown>) => {
      const res = await patchService(jsonRequest('PATCH', `/api/settings/services/${slug}`, admin.cookie, body), { params: Promise.resolve({ slug }) })
      expect(res.status).toBe(200)
      return (await res.json()).data
    }

    // defaults (72 h, every severity): d1 (iA attributed) and d2 (iB names it) of 5; restores 2, 4, 6, 8 h
    expect(await cfr()).toEqual({ failures: 2, rate: 0.4, restored: 4, median: 5 * H, mean: 5 * H })
    expect(await failedRecords()).toEqual(['d1', 'd2'])

    // a 100 h window reaches iD back to d4
    expect(await settle({ incidentAttributionHours: 100 })).toMatchObject({ incidentAttributionHours: 100, cfrSeverities: null })
    expect(await cfr()).toMatchObject({ failures: 3, rate: 0.6, restored: 4 })

    // only critical and high count for CFR: iA (low) and iD (medium) drop out, iC stays marked: d2 alone
    await settle({ cfrSeverities: ['critical', 'high'] })
    expect(await cfr()).toMatchObject({ failures: 1, rate: 0.2, restored: 4 })
    expect(await failedRecords()).toEqual(['d2'])

    // only low and medium: the explicit link of iB (critical) no longer counts either (its flag recounted)
    expect(await settle({ cfrSeverities: ['low', 'medium'] })).toMatchObject({ cfrSeverities: ['low', 'medium'] })
    expect(await cfr()).toMatchObject({ failures: 2, rate: 0.4 })
    expect(await failedRecords()).toEqual(['d1', 'd4'])

    // time to restore over high and medium only: iC 6 h and iD 8 h
    await settle({ ttrSeverities: ['high', 'medium'] })
    expect(await cfr()).toEqual({ failures: 2, rate: 0.4, restored: 2, median: 7 * H, mean: 7 * H })

    // every severity for CFR again, and iA marked as not caused by a change (through the API): d2 and d4
    await settle({ cfrSeverities: null })
    await ingestIncident(s.caller, incidentBodySchema.parse({ id: 'iA', service: slug, notCausedByChange: true }), { raw: '{}', receivedAt: new Date(), kind: 'test' })
    expect(await cfr()).toMatchObject({ failures: 2, rate: 0.4 })
    expect(await failedRecords()).toEqual(['d2', 'd4'])

    // marking iB, which names d2, from the dashboard: d2 is no change failure any more; its time to restore stays out
    // (critical is not a restore severity here) and the marked iA stays out of CFR
    const [ib] = await queryRows<{ id: number }>(pool(), sql`SELECT i.id FROM incident i JOIN service s ON s.id = i.service_id WHERE s.slug = ${slug} AND i.external_id = 'iB'`)
    const marked = await patchIncident(jsonRequest('PATCH', `/api/dashboard/incidents/${ib!.id}`, admin.cookie, { notCausedByChange: true }), { params: Promise.resolve({ id: String(ib!.id) }) })
    expect(marked.status).toBe(200)
    expect(await cfr()).toEqual({ failures: 1, rate: 0.2, restored: 2, median: 7 * H, mean: 7 * H })
    expect(await failedRecords()).toEqual(['d4'])

    // bad scoping values name their field
    const bad = await patchService(jsonRequest('PATCH', `/api/settings/services/${slug}`, admin.cookie, { cfrSeverities: ['sev9'], incidentAttributionHours: 0 }), { params: Promise.resolve({ slug }) })
    expect(bad.status).toBe(422)
    expect(((await bad.json()).error.fields as { path: string }[]).map((f) => f.path).sort()).toEqual(['cfrSeverities.0', 'incidentAttributionHours'])
  })
})
