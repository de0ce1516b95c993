import { describe, expect, it } from 'vitest'
import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { parseDeploymentRequest } from '@/lib/ingest/parse-deployment-request'
import { getMetricRecords } from '@/lib/engine/get-metric-records'
import { metricRecordsQuery } from '@/lib/validation/metrics'
import { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } from '@/lib/testing/seed-team'

// Issue 22 item 2: a rollout reported step by step, as a progressive delivery tool reports it, ends as
// one deployment; an aborted canary is a failed deployment whose blast radius is the share it reached.
const url = process.env.DATABASE_URL!
const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }

describe('a progressive rollout through ingest', () => {
  it('joins the steps of successive events; an abort fails the deployment with the share it reached', async () => {
    const caller = tokenPrincipalOf(await seedTeamWithToken(url, 'rollout'))
    const service = uniqueSlug('checkout')
    const post = async (body: object) => {
      const { inputs } = parseDeploymentRequest({ id: 'c1', service, environment: 'production', strategy: 'canary', startedAt: '2026-03-02T10:00:00Z', ...body }, new Date())
      return (await ingestDeployments(caller, inputs, raw)).deployments[0]!
    }
    await post({ status: 'in_progress', rollout: { readyAt: '2026-03-02T10:02:00Z', steps: [{ weight: 5, startedAt: '2026-03-02T10:03:00Z' }] } })
    await post({ status: 'in_progress', rollout: { steps: [{ weight: 10, startedAt: '2026-03-02T10:08:00Z' }] } })
    const done = await post({ status: 'failure', finishedAt: '2026-03-02T10:15:00Z',
      rollout: { steps: [{ weight: 10, startedAt: '2026-03-02T10:08:00Z' }], abortedAt: '2026-03-02T10:14:00Z' } })
    expect(done).toMatchObject({ status: 'failure', strategy: 'canary', rollout: {
      steps: [{ weight: 5, startedAt: '2026-03-02T10:03:00.000Z' }, { weight: 10, startedAt: '2026-03-02T10:08:00.000Z' }],
      readyAt: '2026-03-02T10:02:00.000Z', promotedAt: null, abortedAt: '2026-03-02T10:14:00.000Z', maxWeight: 10,
    } })

    // a blue/green switch promoted to all traffic, and one with no rollout reported
    await post({ id: 'b1', strategy: 'blue_green', status: 'success', finishedAt: '2026-03-03T10:05:00Z', rollout: { promotedAt: '2026-03-03T10:04:00Z' } })
    const plain = await post({ id: 'r1', strategy: 'rolling', status: 'failure', finishedAt: '2026-03-04T10:05:00Z' })
    expect(plain.rollout).toBeNull()

    const q = metricRecordsQuery.parse({ from: '2026-03-01T00:00:00Z', to: '2026-03-31T00:00:00Z', service })
    const records = (await getMetricRecords(caller, 'changeFailureRate', q)).data
    expect(records.map((r) => [r.externalId, r.status, r.changeFailure, r.blastRadius])).toEqual([
      ['r1', 'failure', true, null], // failed without a rollout: its reach is unknown
      ['b1', 'success', false, 100],
      ['c1', 'failure', true, 10],
    ])
  })
})
