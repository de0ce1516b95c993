import { z } from 'zod'
import { deploymentStrategies, type DeploymentStrategyName } from '@/lib/validation/deployment-strategies'

// `strategy` as a filter (issue 22): one strategy or a comma-separated list; each name is checked, and
// an unknown one is named in the 422 with the names that exist.
export const strategyFilterSchema = z
  .string()
  .max(200)
  .optional()
  .transform((s, ctx): DeploymentStrategyName[] | undefined => {
    const names = [...new Set((s ?? '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean))]
    const unknown = names.filter((n) => !(deploymentStrategies as readonly string[]).includes(n))
    if (unknown.length) {
      ctx.addIssue({ code: 'custom', message: `no strategy ${unknown.map((n) => `"${n}"`).join(', ')}; strategies are ${deploymentStrategies.join(', ')}` })
      return z.NEVER
    }
    return names.length ? (names as DeploymentStrategyName[]) : undefined
  })
  .describe(`Deployment strategy, or a comma-separated list: ${deploymentStrategies.join(', ')}. Counts only those deployments (and the changes `
    + 'they first shipped); rollbacks and incidents are still found on the whole history.')
