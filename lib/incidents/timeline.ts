import { formatDuration } from '@/lib/format/format-metric'

export type TimelineDeployment = { id: number; externalId: string; finishedAt: Date | null; version: string | null; sha: string | null; environment: string }
export type TimelineFacts = {
  openedAt: Date
  resolvedAt: Date | null
  source: string
  attributionHours: number
  cause: (TimelineDeployment & { linkMethod: 'explicit_deployment' | 'explicit_sha' | 'manual' | 'inferred' }) | null
  fix: TimelineDeployment | null
  probeChanges: { at: Date; up: boolean; check: string; detail: string | null }[]
}
export type TimelineEvent = { at: Date; kind: 'deployment' | 'probe-down' | 'probe-up' | 'opened' | 'resolved' | 'fix'; title: string; detail: string | null; deploymentId?: number }

const why: Record<NonNullable<TimelineFacts['cause']>['linkMethod'], (hours: number) => string> = {
  explicit_deployment: () => 'linked because the incident names this deployment',
  explicit_sha: () => 'linked because the incident names a commit this deployment carried',
  manual: () => 'linked by hand',
  inferred: (h) => `linked because it is the last successful deployment of the service and environment finished before the incident opened (within ${h} h)`,
}

const deployLabel = (d: TimelineDeployment) => `${d.externalId}${d.version ? ` (${d.version})` : ''} to ${d.environment}`

// An incident's story in time order: the deployment linked as its cause and why, the probe flips
// around it, opened, resolved (with the time to restore) and the deployment that fixed it.
export function buildIncidentTimeline(f: TimelineFacts): TimelineEvent[] {
  const events: TimelineEvent[] = []
  if (f.cause?.finishedAt) {
    events.push({ at: f.cause.finishedAt, kind: 'deployment', title: `Deployment ${deployLabel(f.cause)} finished`, detail: why[f.cause.linkMethod](f.attributionHours), deploymentId: f.cause.id })
  }
  for (const c of f.probeChanges) {
    events.push(c.up
      ? { at: c.at, kind: 'probe-up', title: `Probe "${c.check}" passed again`, detail: null }
      : { at: c.at, kind: 'probe-down', title: `Probe "${c.check}" failed`, detail: c.detail })
  }
  events.push({ at: f.openedAt, kind: 'opened', title: f.source === 'probe' ? 'Opened by the probe after consecutive failures' : `Opened (${f.source})`, detail: null })
  if (f.resolvedAt) {
    events.push({ at: f.resolvedAt, kind: 'resolved', title: 'Resolved', detail: `time to restore ${formatDuration((f.resolvedAt.getTime() - f.openedAt.getTime()) / 1000)}` })
  }
  if (f.fix?.finishedAt) {
    events.push({ at: f.fix.finishedAt, kind: 'fix', title: `Fixing deployment ${deployLabel(f.fix)} finished`, detail: 'recorded as the fix of this incident', deploymentId: f.fix.id })
  }
  // stable: at the same instant the order above holds (a probe's first failure before the incident it opens)
  return events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i).map(({ e }) => e)
}
