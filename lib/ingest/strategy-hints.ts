import { deploymentStrategies, type DeploymentStrategyName } from '@/lib/validation/deployment-strategies'

// Where GitHub and GitLab deployments say how they shipped (issue 22): GitHub's deployment `payload`
// (the free-form object the deployer set) may name it, `{"strategy": "canary"}`; either tool's environment
// name may end in it, `production-canary`, which then counts as a canary deployment to `production` (one
// environment, so rollbacks are still found in its sequence).
const aliases: Record<string, DeploymentStrategyName> = { bluegreen: 'blue_green', 'blue-green': 'blue_green', ab: 'ab_test', 'ab-test': 'ab_test', 'a-b': 'ab_test' }

export function strategyName(value: unknown): DeploymentStrategyName | undefined {
  if (typeof value !== 'string') return undefined
  const name = value.trim().toLowerCase()
  if ((deploymentStrategies as readonly string[]).includes(name)) return name as DeploymentStrategyName
  return aliases[name] ?? aliases[name.replaceAll('_', '-')]
}

// A GitHub deployment payload: an object, or a JSON string of one (the REST API accepts both).
export function strategyFromPayload(payload: unknown): DeploymentStrategyName | undefined {
  let value = payload
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? strategyName((value as Record<string, unknown>).strategy) : undefined
}

const SUFFIXES = ['canary', 'blue-green', 'bluegreen', 'blue_green', 'ab-test', 'ab_test', 'rolling', 'recreate']

// `production-canary` -> production with canary; a name without such a suffix is left as it is.
export function splitEnvironmentStrategy(environment: string): { environment: string; strategy?: DeploymentStrategyName } {
  const lower = environment.toLowerCase()
  for (const suffix of SUFFIXES) {
    const base = lower.slice(0, -suffix.length - 1)
    if (lower.endsWith(suffix) && /[-_.]$/.test(lower.slice(0, -suffix.length)) && base.length > 0) return { environment: base, strategy: strategyName(suffix) }
  }
  return { environment }
}
