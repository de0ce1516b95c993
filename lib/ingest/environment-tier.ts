import type { EnvironmentTier } from '@/lib/validation/common'

// Guess a new environment's tier from its name ("prod-eu-west-1" -> production); null when unsure,
// so the caller must say it instead of us filing production traffic under the wrong tier.
const words: [RegExp, EnvironmentTier][] = [
  [/^(prod|production|prd|live)$/, 'production'],
  [/^(staging|stage|stg|preprod|pre-prod|uat)$/, 'staging'],
  [/^(test|testing|qa|ci|integration)$/, 'testing'],
  [/^(dev|development|local|sandbox|preview)$/, 'development'],
]

export function inferEnvironmentTier(name: string): EnvironmentTier | null {
  const whole = words.find(([re]) => re.test(name))
  if (whole) return whole[1]
  const tiers = new Set(
    name
      .split(/[-_.]/)
      .map((part) => words.find(([re]) => re.test(part))?.[1])
      .filter((t): t is EnvironmentTier => !!t),
  )
  return tiers.size === 1 ? [...tiers][0]! : null
}
