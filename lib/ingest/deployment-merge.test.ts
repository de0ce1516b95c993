import { describe, expect, it } from 'vitest'
import { mergeDeployment, newDeploymentFields, type DeploymentFields } from '@/lib/ingest/deployment-merge'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'

const t = (s: string) => new Date(s)
const input = (over: Partial<DeploymentInput> = {}): DeploymentInput => ({
  source: 'api',
  externalId: 'd1',
  service: { slug: 'checkout' },
  environment: { name: 'production', path: 'environment' },
  status: 'success',
  finishedAt: t('2026-05-01T10:00:00Z'),
  commits: [],
  ...over,
})
const stored = (over: Partial<DeploymentFields> = {}): DeploymentFields => ({ ...newDeploymentFields(input(), 1), ...over })

describe('mergeDeployment', () => {
  it.each([
    ['identical replay', stored(), input(), 'unchanged'],
    ['in_progress -> success', stored({ status: 'in_progress', finishedAt: null }), input(), 'update'],
    ['late in_progress after success is stale', stored(), input({ status: 'in_progress', finishedAt: undefined }), 'unchanged'],
    ['late in_progress after failure is stale', stored({ status: 'failure' }), input({ status: 'in_progress', finishedAt: undefined }), 'unchanged'],
    ['success -> failure correction', stored(), input({ status: 'failure' }), 'update'],
    ['new field (version) is an update', stored(), input({ version: '1.2.3' }), 'update'],
    ['omitted fields keep stored values', stored({ version: '1.2.3', isRollback: true }), input(), 'unchanged'],
    ['defaulted finishedAt does not move a stored one', stored(), input({ finishedAt: t('2026-06-01T00:00:00Z'), finishedAtIsDefault: true }), 'unchanged'],
    ['explicit finishedAt moves it', stored(), input({ finishedAt: t('2026-06-01T00:00:00Z') }), 'update'],
    ['environment change', stored(), input(), 'update', 2],
  ] as [string, DeploymentFields, DeploymentInput, string, number?][])('%s', (_name, existing, incoming, kind, envId = 1) => {
    expect(mergeDeployment(existing, incoming, envId).kind).toBe(kind)
  })

  it('keeps stored values for fields the update omits', () => {
    const result = mergeDeployment(stored({ version: '1.0.0', ref: 'main' }), input({ status: 'failure' }), 1)
    expect(result).toMatchObject({ kind: 'update', next: { status: 'failure', version: '1.0.0', ref: 'main' } })
  })

  it('clears finishedAt for in_progress on a new deployment', () => {
    expect(newDeploymentFields(input({ status: 'in_progress', finishedAt: undefined }), 1).finishedAt).toBeNull()
  })
})
