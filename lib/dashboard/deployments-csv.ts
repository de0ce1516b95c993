import type { RecentDeployment } from '@/lib/queries/list-recent-activity'

export const deploymentsCsvColumns = [
  'id', 'service', 'environment', 'external_id', 'status', 'rollback', 'rolled_back', 'hotfix', 'strategy', 'version',
  'started_at', 'finished_at', 'duration_seconds', 'url',
] as const

// A feed row as CSV: the JSON answer's fields, times as ISO strings.
export const deploymentsCsvRow = (d: RecentDeployment) => ({
  id: d.id, service: d.service, environment: d.environment, external_id: d.externalId, status: d.status, rollback: d.rollback,
  rolled_back: d.rolledBack, hotfix: d.hotfix, strategy: d.strategy, version: d.version, started_at: d.startedAt?.toISOString() ?? null,
  finished_at: d.finishedAt?.toISOString() ?? null, duration_seconds: d.durationSeconds, url: d.url,
})
