import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mapPagerduty } from '@/lib/incident-sources/map-pagerduty'
import { mapOpsgenie } from '@/lib/incident-sources/map-opsgenie'
import { mapIncidentIo } from '@/lib/incident-sources/map-incident-io'
import { mapAlertmanager } from '@/lib/incident-sources/map-alertmanager'
import { firstMatchingRule, type MappingRule } from '@/lib/incident-sources/match-rule'

const fixture = (path: string) => JSON.parse(readFileSync(`lib/incident-sources/fixtures/${path}`, 'utf8')) as unknown

describe('PagerDuty events', () => {
  it('triggered: the incident, its service id and name', () => {
    const [item] = mapPagerduty(fixture('pagerduty/zulip-incident.triggered.json'))
    expect(item).toMatchObject({
      vendorIncidentId: 'PFQZPSY', eventType: 'incident.triggered', occurredAt: new Date('2021-06-04T13:35:29.781Z'),
      attributes: { services: ['PA2P440', 'pig208'] },
      incident: { title: 'Test Incident 3', severity: 'high', resolvedAt: null, url: 'https://pig208.pagerduty.com/incidents/PFQZPSY' },
    })
    expect(item!.incident!.openedAt).toBeUndefined()
  })

  it('resolved at the event; priority P1 is critical; teams become a label', () => {
    expect(mapPagerduty(fixture('pagerduty/zulip-incident.resolved.json'))[0]!.incident!.resolvedAt).toEqual(new Date('2021-06-04T13:16:53.816Z'))
    const [docs] = mapPagerduty(fixture('pagerduty/docs-incident.priority_updated.json'))
    expect(docs!.incident!.severity).toBe('critical')
    expect(Object.keys(docs!.attributes.labels)).toEqual(['team'])
  })

  it('names the missing field of a payload that is not PagerDuty V3', () => {
    expect(() => mapPagerduty({ event: { id: 'x' } })).toThrow(/event_type/)
  })
})

describe('Opsgenie actions', () => {
  it('Create: tags, entity, creation time in ms, priority 3 as P3', () => {
    const [item] = mapOpsgenie(fixture('opsgenie/zulip-create.json'))
    expect(item).toMatchObject({
      vendorIncidentId: 'ec03dad6-62c8-4c94-b38b-d88f398e900f', eventType: 'Create',
      attributes: { services: ['Server'], tags: ['vip'] },
      incident: { title: 'another alert', severity: 'medium', openedAt: new Date(1502709956288), resolvedAt: null },
    })
  })

  it('Close: resolved at updatedAt (nanoseconds)', () => {
    const [item] = mapOpsgenie(fixture('opsgenie/zulip-close.json'))
    expect(item!.incident!.resolvedAt).toEqual(new Date(1420452374669))
    expect(mapOpsgenie({ ...(fixture('opsgenie/zulip-close.json') as object), action: 'AddNote' })[0]!.incident).toBeNull()
  })
})

describe('incident.io events', () => {
  it('created: reference and name, Minor is low, catalog entries are services, custom fields labels', () => {
    const [item] = mapIncidentIo(fixture('incident-io/public_incident.incident_created_v2.json'))
    expect(item).toMatchObject({
      vendorIncidentId: '01FDAG4SAP5TYPT98WGR2N7W91',
      attributes: { services: ['Primary On-call', '761722cd-d1d7-477b-ac7e-90f9e079dc33'], tags: ['Production Outage'] },
      incident: { title: 'INC-123 Our database is sad', severity: 'low', resolvedAt: null, url: 'https://app.incident.io/incidents/123' },
    })
    expect(item!.attributes.labels['Affected Team']).toContain('Product')
  })

  it('status category decides: triage is open (whatever the name), closed is resolved at updated_at', () => {
    const f = fixture('incident-io/public_incident.incident_status_updated_v2.json') as Record<string, { incident: { incident_status: object } }>
    expect(mapIncidentIo(f)[0]!.incident!.resolvedAt).toBeNull()
    const key = 'public_incident.incident_status_updated_v2'
    const closed = { ...f, [key]: { ...f[key]!, incident: { ...f[key]!.incident, incident_status: { category: 'closed', name: 'Closed' } } } }
    expect(mapIncidentIo(closed)[0]!.incident!.resolvedAt).toEqual(new Date('2021-08-17T13:28:57.801578Z'))
  })

  it('a private incident is kept as ignored, with why', () => {
    expect(mapIncidentIo(fixture('incident-io/private_incident.incident_created_v2.json'))[0]).toMatchObject({ vendorIncidentId: 'abc123', incident: null })
  })
})

describe('Alertmanager groups', () => {
  it('one incident per alert; critical is an outage; the resolved alert gets its endsAt', () => {
    const [crit] = mapAlertmanager(fixture('alertmanager/01-firing-TargetDown.json'))
    expect(crit).toMatchObject({ eventType: 'firing', incident: { severity: 'critical', outage: true, resolvedAt: null } })
    const items = mapAlertmanager(fixture('alertmanager/03-firing-KubePodCrashLooping-1-resolved-1-firing.json'))
    expect(items.map((i) => [i.vendorIncidentId, i.incident!.resolvedAt])).toEqual([
      ['3e8d41cf3665139a', new Date('2026-12-07T15:14:25Z')], ['7bc9673e1940be83', null],
    ])
    expect(items[0]!.incident).toMatchObject({ title: 'KubePodCrashLooping: Pod is crash looping.', severity: 'medium', outage: false })
    expect(items[0]!.attributes.labels.namespace).toEqual(['payments'])
  })
})

describe('mapping rules', () => {
  const rules: MappingRule[] = [
    { id: 3, match: 'label', key: 'namespace', value: 'payments' },
    { id: 1, match: 'service', key: '', value: 'PIG208' },
    { id: 2, match: 'tag', key: '', value: 'vip' },
  ]
  it.each([
    ['a service name, without case', { services: ['PA2P440', 'pig208'], tags: [], labels: {} }, 1],
    ['a tag', { services: [], tags: ['vip'], labels: {} }, 2],
    ['a label', { services: [], tags: [], labels: { namespace: ['payments'] } }, 3],
    ['the oldest of several', { services: ['pig208'], tags: ['vip'], labels: {} }, 1],
    ['a label value under another name', { services: [], tags: [], labels: { team: ['payments'] } }, null],
    ['nothing', { services: [], tags: [], labels: {} }, null],
  ])('%s', (_label, attributes, id) => {
    expect(firstMatchingRule(rules, attributes)?.id ?? null).toBe(id)
  })
})
