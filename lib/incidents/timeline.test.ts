import { describe, expect, it } from 'vitest'
import { buildIncidentTimeline, type TimelineFacts } from '@/lib/incidents/timeline'

const at = (m: number) => new Date(Date.UTC(2026, 4, 1, 10) + m * 60_000)
const deploy = (id: number, m: number) => ({ id, externalId: `d${id}`, finishedAt: at(m), version: `v${id}`, sha: null, environment: 'production' })
const base: TimelineFacts = { openedAt: at(0), resolvedAt: null, source: 'api', attributionHours: 72, cause: null, fix: null, probeChanges: [] }

describe('buildIncidentTimeline', () => {
  it.each([
    ['an open incident alone', base, [['opened', 0]]],
    ['resolved, with the time to restore', { ...base, resolvedAt: at(90) }, [['opened', 0], ['resolved', 90]]],
    ['an inferred cause, probe flips and a fix, in time order', {
      ...base, source: 'probe', resolvedAt: at(30), cause: { ...deploy(1, -20), linkMethod: 'inferred' as const }, fix: deploy(2, 25),
      probeChanges: [{ at: at(0), up: false, check: 'health', detail: 'status 503' }, { at: at(30), up: true, check: 'health', detail: null }],
    }, [['deployment', -20], ['probe-down', 0], ['opened', 0], ['fix', 25], ['probe-up', 30], ['resolved', 30]]],
    ['a cause still deploying (no finish time) is left out', { ...base, cause: { ...deploy(1, 0), finishedAt: null, linkMethod: 'explicit_deployment' as const } }, [['opened', 0]]],
  ])('%s', (_name, facts, expected) => {
    expect(buildIncidentTimeline(facts).map((e) => [e.kind, (e.at.getTime() - at(0).getTime()) / 60_000])).toEqual(expected)
  })

  it.each([
    ['explicit_deployment', 'names this deployment'],
    ['explicit_sha', 'names a commit this deployment carried'],
    ['manual', 'by hand'],
    ['inferred', 'last successful deployment of the service and environment finished before the incident opened (within 24 h)'],
  ] as const)('says why a %s link was made', (linkMethod, text) => {
    const [event] = buildIncidentTimeline({ ...base, attributionHours: 24, cause: { ...deploy(7, -5), linkMethod } })
    expect(event).toMatchObject({ kind: 'deployment', title: 'Deployment d7 (v7) to production finished', deploymentId: 7 })
    expect(event!.detail).toContain(text)
  })

  it('gives the time to restore on resolution and the probe detail on failure', () => {
    const events = buildIncidentTimeline({ ...base, source: 'probe', resolvedAt: at(135), probeChanges: [{ at: at(0), up: false, check: 'tcp', detail: 'ECONNREFUSED' }] })
    expect(events.map((e) => [e.title, e.detail])).toEqual([
      ['Probe "tcp" failed', 'ECONNREFUSED'], ['Opened by the probe after consecutive failures', null], ['Resolved', 'time to restore 2 h 15 min'],
    ])
  })
})
