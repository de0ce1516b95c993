import type { DeploymentInput } from '@/lib/ingest/deployment-input'
import type { EnvironmentStrategies } from '@/lib/validation/environment-strategies'

// The sources whose deployments read their service's environment-name rules (issue 22): GitHub and GitLab
// name environments freely and say no strategy unless the deployer put one in the payload.
const RULED_SOURCES = new Set(['github', 'gitlab'])

// A deployment to an environment its service has a rule for counts as deployed to the rule's environment
// (always, so one sequence stays one) and, when it names no strategy itself (payload.strategy, or a built-in
// suffix such as -canary), as the rule's strategy.
export function applyEnvironmentStrategyRule(input: DeploymentInput, rules: EnvironmentStrategies | null | undefined): DeploymentInput {
  if (!RULED_SOURCES.has(input.source)) return input
  const rule = rules?.[input.environment.name]
  if (!rule) return input
  return { ...input, strategy: input.strategy ?? rule.strategy, environment: { ...input.environment, name: rule.environment ?? input.environment.name } }
}
