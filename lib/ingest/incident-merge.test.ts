import { describe, expect, it } from 'vitest'
import { mergeIncident, type IncidentFields } from '@/lib/ingest/incident-merge'

const opened = new Date('2026-05-01T10:00:00Z')
const existing: IncidentFields = {
  environmentId: 1, title: 'Checkout 500s', severity: 'high', openedAt: opened, resolvedAt: null, isOutage: false, notCausedByChange: false,
  url: null, causeDeploymentId: null, causeLinkMethod: null, fixDeploymentId: null,
}

describe('mergeIncident', () => {
  it('requires title and openedAt for a new incident, naming both', () => {
    expect(mergeIncident(null, {})).toEqual({
      kind: 'invalid',
      fields: [{ path: 'title', message: 'required for a new incident' }, { path: 'openedAt', message: 'required for a new incident' }],
    })
  })

  it.each([
    ['replay of the same values', { title: 'Checkout 500s', openedAt: new Date(opened) }, 'unchanged'],
    ['resolution arrives later', { resolvedAt: new Date('2026-05-01T11:00:00Z') }, 'write'],
    ['reopen with null', { resolvedAt: null }, 'unchanged'],
    ['severity change', { severity: 'critical' as const }, 'write'],
    ['resolved before opened', { resolvedAt: new Date('2026-05-01T09:00:00Z') }, 'invalid'],
  ])('%s', (_name, patch, kind) => {
    expect(mergeIncident(existing, patch).kind).toBe(kind)
  })

  it('creates with defaults for unsent fields', () => {
    const r = mergeIncident(null, { title: 'x', openedAt: opened })
    expect(r).toMatchObject({ kind: 'write', next: { title: 'x', isOutage: false, resolvedAt: null, severity: null } })
  })
})
