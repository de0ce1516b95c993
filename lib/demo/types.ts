// Plain rows matching the snake_case tables in prisma/schema.prisma. Times are epoch milliseconds
// (not Date objects) because the scale mode makes millions of them.
import type { DeploymentStrategyName } from '@/lib/validation/deployment-strategies'
import type { SloWindowKind } from '@/lib/metrics/slo'

export type EnvironmentTier = 'production' | 'staging' | 'testing' | 'development'
export type DeploymentStatus = 'success' | 'failure' | 'in_progress' | 'cancelled'
export type DeploymentStrategy = DeploymentStrategyName
export type IncidentSeverity = 'critical' | 'high' | 'medium' | 'low'
export type CauseLinkMethod = 'explicit_deployment' | 'explicit_sha' | 'manual' | 'inferred'

export interface TeamRow {
  id: number
  slug: string
  name: string
}

export interface ServiceRow {
  id: number
  teamId: number
  slug: string
  name: string
  repositoryUrl: string
  pathPrefixes: string[]
  sloTarget: number
  sloWindow: SloWindowKind
}

export interface EnvironmentRow {
  id: number
  name: string
  tier: EnvironmentTier
}

export interface DeploymentRow {
  id: number
  serviceId: number
  environmentId: number
  externalId: string
  status: DeploymentStatus
  startedAt: number
  finishedAt: number | null
  sha: string
  ref: string
  version: string
  strategy: DeploymentStrategy
  isRollback: boolean
  isHotfix: boolean
  url: string
  triggeredBy: string
  // the rollout (issue 22): readiness, promotion or abort, highest traffic share (percent)
  readyAt: number | null
  promotedAt: number | null
  abortedAt: number | null
  maxWeight: number | null
}

export interface ChangeRow {
  id: number
  serviceId: number
  sha: string
  authoredAt: number
  committedAt: number
  message: string
  prNumber: number
  prOpenedAt: number
  prMergedAt: number
}

export interface DeploymentChangeRow {
  deploymentId: number
  changeId: number
}

export interface ChangeFirstDeploymentRow {
  changeId: number
  environmentId: number
  deploymentId: number
  deployedAt: number
  // copies of the change's, as ingest stores them
  serviceId: number
  committedAt: number
  prNumber: number
  prMergedAt: number
}

export interface IncidentRow {
  id: number
  serviceId: number
  environmentId: number
  externalId: string
  title: string
  severity: IncidentSeverity
  openedAt: number
  resolvedAt: number | null
  isOutage: boolean
  url: string
  causeDeploymentId: number | null
  causeLinkMethod: CauseLinkMethod | null
  fixDeploymentId: number | null
}

export interface DemoOrganisation {
  teams: TeamRow[]
  services: ServiceRow[]
  environments: EnvironmentRow[]
}

/** One streamed slice of the generated history; rows in a batch only reference ids in this or earlier batches. */
export interface DemoBatch {
  deployments: DeploymentRow[]
  changes: ChangeRow[]
  deploymentChanges: DeploymentChangeRow[]
  firstDeployments: ChangeFirstDeploymentRow[]
  incidents: IncidentRow[]
}

export function emptyBatch(): DemoBatch {
  return { deployments: [], changes: [], deploymentChanges: [], firstDeployments: [], incidents: [] }
}
