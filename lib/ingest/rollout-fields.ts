import { reachedWeight, type RolloutInput } from '@/lib/validation/rollout'

// A deployment's stored rollout (issue 22). Steps keep their times as ISO strings (as jsonb returns them).
export type RolloutStep = { weight: number; startedAt: string }
export type RolloutFields = {
  rolloutSteps: RolloutStep[] | null
  readyAt: Date | null
  promotedAt: Date | null
  abortedAt: Date | null
  maxWeight: number | null
}

export const NO_ROLLOUT: RolloutFields = { rolloutSteps: null, readyAt: null, promotedAt: null, abortedAt: null, maxWeight: null }

const stepsOf = (r: RolloutInput | undefined): RolloutStep[] => (r?.steps ?? []).map((s) => ({ weight: s.weight, startedAt: s.startedAt.toISOString() }))

export function newRolloutFields(r: RolloutInput | undefined): RolloutFields {
  if (!r) return NO_ROLLOUT
  const steps = stepsOf(r)
  return { rolloutSteps: steps.length ? steps : null, readyAt: r.readyAt ?? null, promotedAt: r.promotedAt ?? null, abortedAt: r.abortedAt ?? null, maxWeight: reachedWeight(r) }
}

// A later event of the same rollout (a tool reports each step as it happens): the steps are joined in
// time order, times it sends win, promotion and abort exclude each other (the later event says which),
// and the highest share reached only grows.
export function mergeRolloutFields(existing: RolloutFields, r: RolloutInput | undefined): RolloutFields {
  if (!r) return { rolloutSteps: existing.rolloutSteps, readyAt: existing.readyAt, promotedAt: existing.promotedAt, abortedAt: existing.abortedAt, maxWeight: existing.maxWeight }
  const byKey = new Map([...(existing.rolloutSteps ?? []), ...stepsOf(r)].map((s) => [`${s.startedAt}/${s.weight}`, s]))
  const steps = [...byKey.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.weight - b.weight)
  const promotedAt = r.promotedAt ?? (r.abortedAt ? null : existing.promotedAt)
  const abortedAt = r.abortedAt ?? (r.promotedAt ? null : existing.abortedAt)
  const reached = reachedWeight({ steps: steps.map((s) => ({ weight: s.weight, startedAt: new Date(s.startedAt) })), promotedAt: promotedAt ?? undefined, maxWeight: r.maxWeight })
  const maxWeight = reached === null ? existing.maxWeight : Math.max(reached, existing.maxWeight ?? 0)
  return { rolloutSteps: steps.length ? steps : null, readyAt: r.readyAt ?? existing.readyAt, promotedAt, abortedAt, maxWeight }
}

export const sameSteps = (a: RolloutStep[] | null, b: RolloutStep[] | null) => JSON.stringify(a) === JSON.stringify(b)
