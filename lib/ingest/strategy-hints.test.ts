import { describe, expect, it } from 'vitest'
import { splitEnvironmentStrategy, strategyFromPayload } from '@/lib/ingest/strategy-hints'

describe('strategy from a deployment payload', () => {
  it.each([
    [{ strategy: 'canary' }, 'canary'],
    [{ strategy: 'Blue-Green' }, 'blue_green'],
    [{ strategy: 'ab_test' }, 'ab_test'],
    ['{"strategy":"recreate","replicas":3}', 'recreate'],
    [{ strategy: 'big-bang' }, undefined],
    ['not json', undefined],
    [{}, undefined],
    [null, undefined],
    [['canary'], undefined],
  ])('%j -> %s', (payload, expected) => {
    expect(strategyFromPayload(payload)).toBe(expected)
  })
})

describe('strategy from an environment name', () => {
  it.each([
    ['production-canary', { environment: 'production', strategy: 'canary' }],
    ['prod-eu.blue-green', { environment: 'prod-eu', strategy: 'blue_green' }],
    ['production_ab-test', { environment: 'production', strategy: 'ab_test' }],
    ['production', { environment: 'production' }],
    ['canary', { environment: 'canary' }],
    ['production-canaryish', { environment: 'production-canaryish' }],
  ])('%s', (name, expected) => {
    expect(splitEnvironmentStrategy(name)).toEqual(expected)
  })
})
