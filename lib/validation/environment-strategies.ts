import { z } from 'zod'
import { deploymentStrategies } from '@/lib/validation/deployment-strategies'

// A service's environment-name rules (issue 22): the environment as Plimsoll names it (a GitHub or GitLab
// environment's slug: "Prod EU Shadow" is prod-eu-shadow) -> the strategy its deployments count as, and
// optionally the environment they count as deployed to (so their rollbacks stay in that sequence).
const environmentName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be an environment slug: lowercase letters, digits, ".", "_" or "-"')
export const environmentStrategyRuleSchema = z.strictObject({
  strategy: z.enum(deploymentStrategies).describe('The strategy its deployments count as.'),
  environment: environmentName.optional().describe('The environment they count as deployed to; default: the one named.'),
})
export const environmentStrategiesSchema = z.record(environmentName, environmentStrategyRuleSchema)
  .refine((rules) => Object.keys(rules).length <= 50, 'at most 50 environments')
export type EnvironmentStrategies = z.infer<typeof environmentStrategiesSchema>
