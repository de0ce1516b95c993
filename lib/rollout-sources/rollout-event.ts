import type { DeploymentStrategyName } from '@/lib/validation/deployment-strategies'

// Rollout tools sending their rollouts' events to Plimsoll (issue 22), one kind per source.
export const ROLLOUT_SOURCE_KINDS = ['flagger', 'argo_rollouts'] as const
export type RolloutSourceKind = (typeof ROLLOUT_SOURCE_KINDS)[number]

// What one event says happened to a rollout, in Plimsoll's terms. restarted: a newer revision replaced
// the one rolling out (Flagger restarts its analysis), so that one is cancelled and this one starts.
// aborted: the tool began to roll it back (abortedAt); failed: it ended as a failure (finishedAt only, so
// the abort's own time is kept when both arrive).
export type RolloutChange =
  | { kind: 'started'; weight?: number }
  | { kind: 'restarted' }
  | { kind: 'ready' }
  | { kind: 'step'; weight: number }
  | { kind: 'promoted' }
  | { kind: 'aborted' }
  | { kind: 'failed' }
  | { kind: 'ignored'; note: string }

// One event of a rollout tool. target: the Canary's or Rollout's namespace/name (the events of one rollout
// share it); revision: the tool's id of the rollout when it sends one (Argo Rollouts), else the rollout is
// the one the target's latest start began.
export type RolloutEvent = {
  target: string
  service: string
  environment: string
  occurredAt: Date
  eventType: string
  strategy?: DeploymentStrategyName
  revision?: string
  version?: string
  change: RolloutChange
}
