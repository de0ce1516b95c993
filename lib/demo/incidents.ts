import type { Random } from './random'
import type { CauseLinkMethod, DeploymentRow, IncidentRow, IncidentSeverity } from './types'

const DEPLOY_TITLES = [
  'Elevated 5xx after release', 'Checkout latency above SLO', 'Error rate spike on login',
  'Memory leak after deploy', 'Broken pagination in listing', 'Queue consumers crash-looping',
] as const
const BACKGROUND_TITLES = [
  'Upstream provider outage', 'Database failover', 'Certificate expired on internal endpoint',
  'Disk full on worker nodes', 'DNS resolution failures',
] as const
const SEVERITIES: readonly IncidentSeverity[] = ['critical', 'high', 'high', 'medium', 'medium', 'medium', 'low', 'low']

export interface IncidentRequest {
  id: number
  serviceId: number
  environmentId: number
  openedAt: number
  resolvedAt: number | null
  cause: DeploymentRow | null
  fix: DeploymentRow | null
  unlinkedShare: number
  /** the service's incidents are degradations, never outages (the rng is drawn all the same) */
  outageFree?: boolean
}

/** An incident row; deployment-caused ones are linked like a reporter would (or not at all). */
export function buildIncident(rng: Random, req: IncidentRequest): IncidentRow {
  const severity = rng.pick(SEVERITIES)
  let causeDeploymentId: number | null = null
  let causeLinkMethod: CauseLinkMethod | null = null
  if (req.cause && !rng.chance(req.unlinkedShare)) {
    causeDeploymentId = req.cause.id
    const r = rng.next()
    causeLinkMethod = r < 0.55 ? 'explicit_deployment' : r < 0.85 ? 'explicit_sha' : 'manual'
  }
  return {
    id: req.id,
    serviceId: req.serviceId,
    environmentId: req.environmentId,
    externalId: `demo-inc-${req.id}`,
    title: rng.pick(req.cause ? DEPLOY_TITLES : BACKGROUND_TITLES),
    severity,
    openedAt: Math.round(req.openedAt),
    resolvedAt: req.resolvedAt === null ? null : Math.round(req.resolvedAt),
    isOutage: (severity === 'critical' || (severity === 'high' && rng.chance(0.5))) && !req.outageFree,
    url: `https://status.acme-demo.dev/incidents/${req.id}`,
    causeDeploymentId,
    causeLinkMethod,
    fixDeploymentId: req.fix?.id ?? null,
  }
}
