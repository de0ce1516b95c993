import { z } from 'zod'
import { slugSchema } from '@/lib/validation/common'
import { GOAL_METRICS } from '@/lib/metrics/goal-status'

// The largest target each metric's unit allows: ratios up to 1, the compliance score up to 100, a
// deployment rate up to 1000 a day, durations up to a year in seconds.
const MAX_TARGET: Record<(typeof GOAL_METRICS)[number], number> = {
  deploymentFrequency: 1000, leadTime: 31_536_000, changeFailureRate: 1, timeToRestore: 31_536_000, availability: 1, compliance: 100,
}

// POST /api/v1/goals: set (or replace) a team's or a service's target for one metric.
export const goalBodySchema = z.strictObject({
  team: slugSchema.optional().describe('The team (a token\'s own team when left out). With `service`: the service\'s team.'),
  service: slugSchema.optional().describe('A service of the team: the goal is the service\'s; left out: the team\'s.'),
  metric: z.enum(GOAL_METRICS),
  target: z.number().finite().min(0).describe(
    'In the unit of the metric\'s headline in GET /api/v1/metrics: deployments per day, seconds (lead time, time to restore), a fraction '
    + '(change failure rate 0.1 = 10 %, availability 0.9995 = 99.95 %), or the compliance score out of 100. Lower is better for lead time, '
    + 'change failure rate and time to restore (the goal is met at or below the target); higher for the others (at or above).'),
}).superRefine((b, ctx) => {
  if (b.target > MAX_TARGET[b.metric]) ctx.addIssue({ code: 'custom', path: ['target'], message: `at most ${MAX_TARGET[b.metric]} for ${b.metric}` })
})
export type GoalBody = z.infer<typeof goalBodySchema>

// GET /api/v1/goals
export const listGoalsQuery = z.strictObject({
  team: slugSchema.optional().describe('Only this team\'s goals (a token reads its own team\'s).'),
})
export type ListGoalsQuery = z.infer<typeof listGoalsQuery>
