import { describe, expect, it } from 'vitest'
import { inferEnvironmentTier } from '@/lib/ingest/environment-tier'

describe('inferEnvironmentTier', () => {
  it.each([
    ['production', 'production'],
    ['prod', 'production'],
    ['prod-eu-west-1', 'production'],
    ['live', 'production'],
    ['staging', 'staging'],
    ['stg-us', 'staging'],
    ['uat', 'staging'],
    ['qa', 'testing'],
    ['dev', 'development'],
    ['preview-123', 'development'],
    ['eu-west-1', null],
    ['prod-staging-mirror', null],
    ['production2', null],
  ])('%s -> %s', (name, tier) => {
    expect(inferEnvironmentTier(name)).toBe(tier)
  })
})
