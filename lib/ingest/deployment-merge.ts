import { httpUrl, type DeploymentInput } from '@/lib/ingest/deployment-input'
import type { DeploymentStatus, DeploymentStrategy } from '@/lib/validation/deployments'
import { mergeRolloutFields, newRolloutFields, sameSteps, type RolloutFields } from '@/lib/ingest/rollout-fields'

export type DeploymentFields = RolloutFields & {
  environmentId: number
  status: DeploymentStatus
  startedAt: Date | null
  finishedAt: Date | null
  sha: string | null
  ref: string | null
  version: string | null
  strategy: DeploymentStrategy
  isRollback: boolean
  isHotfix: boolean
  url: string | null
  triggeredBy: string | null
}

export type MergeResult = { kind: 'unchanged' } | { kind: 'update'; next: DeploymentFields }

const keys: (keyof DeploymentFields)[] = [
  'environmentId', 'status', 'startedAt', 'finishedAt', 'sha', 'ref', 'version', 'strategy', 'isRollback', 'isHotfix', 'url', 'triggeredBy',
  'readyAt', 'promotedAt', 'abortedAt', 'maxWeight',
]

export function newDeploymentFields(input: DeploymentInput, environmentId: number): DeploymentFields {
  return {
    environmentId,
    status: input.status,
    startedAt: input.startedAt ?? null,
    finishedAt: input.finishedAt ?? null,
    sha: input.sha ?? null,
    ref: input.ref ?? null,
    version: input.version ?? null,
    strategy: input.strategy ?? 'other',
    isRollback: input.isRollback ?? false,
    isHotfix: input.isHotfix ?? false,
    url: httpUrl(input.url) ?? null,
    triggeredBy: input.triggeredBy ?? null,
    ...newRolloutFields(input.rollout),
  }
}

// A later event for the same deployment: fields it sends win, fields it omits are kept. A late
// "in_progress" after a final status is a stale, out-of-order event and changes nothing.
export function mergeDeployment(existing: DeploymentFields, input: DeploymentInput, environmentId: number): MergeResult {
  if (existing.status !== 'in_progress' && input.status === 'in_progress') return { kind: 'unchanged' }
  const next: DeploymentFields = {
    environmentId,
    status: input.status,
    startedAt: input.startedAt ?? existing.startedAt,
    finishedAt: mergeFinishedAt(existing, input),
    sha: input.sha ?? existing.sha,
    ref: input.ref ?? existing.ref,
    version: input.version ?? existing.version,
    strategy: input.strategy ?? existing.strategy,
    isRollback: input.isRollback ?? existing.isRollback,
    isHotfix: input.isHotfix ?? existing.isHotfix,
    url: httpUrl(input.url) ?? existing.url,
    triggeredBy: input.triggeredBy ?? existing.triggeredBy,
    ...mergeRolloutFields(existing, input.rollout),
  }
  return sameFields(existing, next) ? { kind: 'unchanged' } : { kind: 'update', next }
}

function mergeFinishedAt(existing: DeploymentFields, input: DeploymentInput): Date | null {
  if (input.status === 'in_progress') return null
  if (input.finishedAtIsDefault && existing.finishedAt) return existing.finishedAt
  return input.finishedAt ?? existing.finishedAt
}

function sameFields(a: DeploymentFields, b: DeploymentFields): boolean {
  return sameSteps(a.rolloutSteps, b.rolloutSteps) && keys.every((k) => {
    const x = a[k]
    const y = b[k]
    if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime()
    return x === y
  })
}
