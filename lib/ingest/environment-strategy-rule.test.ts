import { describe, expect, it } from 'vitest'
import { applyEnvironmentStrategyRule } from '@/lib/ingest/environment-strategy-rule'
import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import { updateServiceSchema } from '@/lib/validation/settings'

const input = (source: string, environment: string, strategy?: DeploymentInput['strategy']): DeploymentInput => ({
  source, externalId: '1', service: { slug: 'checkout' }, environment: { name: environment, path: 'environment' }, status: 'success', strategy, commits: [],
})
const rules = { 'prod-eu-shadow': { strategy: 'canary' as const, environment: 'prod-eu' }, 'staging-ab': { strategy: 'ab_test' as const } }

describe('environment-name rules (issue 22)', () => {
  it.each([
    ['github', 'prod-eu-shadow', undefined, 'canary', 'prod-eu'],
    ['gitlab', 'staging-ab', undefined, 'ab_test', 'staging-ab'],
    ['github', 'prod-eu-shadow', 'recreate', 'recreate', 'prod-eu'],
    ['github', 'production', undefined, undefined, 'production'],
    ['api', 'prod-eu-shadow', undefined, undefined, 'prod-eu-shadow'],
    ['devlake', 'staging-ab', undefined, undefined, 'staging-ab'],
  ] as const)('%s to %s (strategy %s) -> %s in %s', (source, environment, strategy, want, env) => {
    const out = applyEnvironmentStrategyRule(input(source, environment, strategy), rules)
    expect([out.strategy, out.environment.name]).toEqual([want, env])
  })

  it('PATCH /api/settings/services validates the rules field by field', () => {
    expect(updateServiceSchema.safeParse({ environmentStrategies: rules }).success).toBe(true)
    expect(updateServiceSchema.safeParse({ environmentStrategies: null }).success).toBe(true)
    const bad = updateServiceSchema.safeParse({ environmentStrategies: { 'prod-eu-shadow': { strategy: 'shadow' }, 'Prod EU': { strategy: 'canary' } } })
    const paths = bad.error?.issues.map((i) => i.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['environmentStrategies.prod-eu-shadow.strategy', 'environmentStrategies.Prod EU']))
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`env-${i}`, { strategy: 'canary' }]))
    expect(updateServiceSchema.safeParse({ environmentStrategies: many }).success).toBe(false)
  })
})
