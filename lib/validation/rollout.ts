import { z } from 'zod'
import { isoDateTime } from '@/lib/validation/common'

// A progressive deployment's rollout (issue 22): how much traffic the new version took and when.
const weightSchema = z.number().min(0, 'must be a percentage from 0 to 100').max(100, 'must be a percentage from 0 to 100')

export const rolloutStepSchema = z.strictObject({
  weight: weightSchema.describe('Percent of traffic the new version took at this step.'),
  startedAt: isoDateTime.describe('When the step began.'),
})

export const rolloutSchema = z
  .strictObject({
    steps: z.array(rolloutStepSchema).max(200).optional().describe('Traffic steps in the order they began.'),
    readyAt: isoDateTime.optional().describe('When the new version passed its readiness checks.'),
    promotedAt: isoDateTime.optional().describe('When it was promoted to all traffic.'),
    abortedAt: isoDateTime.optional().describe('When the rollout was aborted (the deployment then has status failure).'),
    maxWeight: weightSchema.optional()
      .describe('The highest traffic share (percent) it reached; default: the highest step weight, 100 once promoted. A failure\'s blast radius.'),
  })
  .superRefine((r, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    const steps = r.steps ?? []
    steps.forEach((s, i) => {
      const before = steps[i - 1]
      if (before && s.startedAt instanceof Date && before.startedAt instanceof Date && s.startedAt < before.startedAt) {
        issue(['steps', i, 'startedAt'], 'must not be before the step before it')
      }
      if (r.maxWeight !== undefined && s.weight > r.maxWeight) issue(['maxWeight'], `must be at least every step's weight (step ${i + 1}: ${s.weight})`)
    })
    if (r.promotedAt && r.abortedAt) issue(['abortedAt'], 'a rollout is either promoted or aborted, not both')
    if (r.promotedAt && r.maxWeight !== undefined && r.maxWeight < 100) issue(['maxWeight'], 'must be 100 for a promoted rollout')
    const first = steps[0]?.startedAt
    for (const key of ['readyAt', 'promotedAt', 'abortedAt'] as const) {
      const t = r[key]
      if (key !== 'readyAt' && t instanceof Date && first instanceof Date && t < first) issue([key], 'must not be before the first step')
    }
  })
export type RolloutInput = z.infer<typeof rolloutSchema>

// The times of a rollout that must lie within the deployment's [startedAt, finishedAt].
export function rolloutTimes(r: RolloutInput): { path: (string | number)[]; at: Date }[] {
  const named = (['readyAt', 'promotedAt', 'abortedAt'] as const).flatMap((k) => (r[k] ? [{ path: [k], at: r[k] }] : []))
  return [...(r.steps ?? []).map((s, i) => ({ path: ['steps', i, 'startedAt'], at: s.startedAt })), ...named]
}

// The highest traffic share a rollout reached: the one given, else the highest step, 100 once promoted.
export function reachedWeight(r: Pick<RolloutInput, 'steps' | 'promotedAt' | 'maxWeight'>): number | null {
  if (r.maxWeight !== undefined) return r.maxWeight
  if (r.promotedAt) return 100
  const weights = (r.steps ?? []).map((s) => s.weight)
  return weights.length ? Math.max(...weights) : null
}
