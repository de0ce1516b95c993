import { ingestDeployments } from '@/lib/ingest/ingest-deployments'
import { ingestIncident } from '@/lib/ingest/ingest-incident'
import type { TokenPrincipal } from '@/lib/auth/principal'
import { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } from '@/lib/testing/seed-team'
import { incidentBodySchema } from '@/lib/validation/incidents'
import type { DeploymentStrategy } from '@/lib/validation/deployments'

// A small organisation built through the real ingest path, for metric tests with hand-computed answers.
export type ScenarioDeployment = {
  service: string
  id: string
  at: string // finishedAt
  startedAt?: string
  strategy?: DeploymentStrategy
  status?: 'success' | 'failure' | 'in_progress' | 'cancelled'
  environment?: string
  version?: string
  rollback?: boolean
  hotfix?: boolean
  commits?: { sha: string; committedAt?: string; prNumber?: number; prMergedAt?: string }[]
}

export type ScenarioIncident = {
  service: string
  id: string
  openedAt: string
  resolvedAt?: string
  outage?: boolean
  environment?: string
  causeDeploymentId?: string
  fixDeploymentId?: string
  severity?: string
  notCausedByChange?: boolean
}

export type Scenario = { caller: TokenPrincipal; token: string; team: string; services: Record<string, string> }

const raw = { raw: '{}', receivedAt: new Date(), kind: 'test' }

export async function buildScenario(databaseUrl: string, deployments: ScenarioDeployment[], incidents: ScenarioIncident[] = []): Promise<Scenario> {
  const seeded = await seedTeamWithToken(databaseUrl, 'metrics')
  const caller = tokenPrincipalOf(seeded)
  // unique slugs per test run, keyed by the scenario's short names
  const services: Record<string, string> = {}
  const slug = (name: string) => (services[name] ??= uniqueSlug(name))
  for (const d of deployments) {
    await ingestDeployments(caller, [{
      source: 'api',
      externalId: d.id,
      service: { slug: slug(d.service) },
      environment: { name: d.environment ?? 'production', path: 'environment' },
      status: d.status ?? 'success',
      startedAt: d.startedAt ? new Date(d.startedAt) : undefined,
      finishedAt: d.status === 'in_progress' ? undefined : new Date(d.at),
      strategy: d.strategy,
      version: d.version,
      isRollback: d.rollback,
      isHotfix: d.hotfix,
      commits: (d.commits ?? []).map((c) => ({ sha: c.sha, committedAt: c.committedAt ? new Date(c.committedAt) : undefined, prNumber: c.prNumber, prMergedAt: c.prMergedAt ? new Date(c.prMergedAt) : undefined })),
    }], raw)
  }
  for (const i of incidents) {
    const body = incidentBodySchema.parse({
      id: i.id, service: slug(i.service), title: i.id, openedAt: i.openedAt, resolvedAt: i.resolvedAt, outage: i.outage,
      environment: i.environment, causeDeploymentId: i.causeDeploymentId, fixDeploymentId: i.fixDeploymentId,
      severity: i.severity, notCausedByChange: i.notCausedByChange,
    })
    await ingestIncident(caller, body, raw)
  }
  return { caller, token: seeded.token, team: seeded.team, services }
}
