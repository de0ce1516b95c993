import { demoTeams, type ServiceAvailability, type TeamDefinition } from './profiles'
import type { DemoOrganisation, EnvironmentRow, ServiceRow, TeamRow } from './types'

export const REPOSITORY_OWNER_URL = 'https://github.com/acme-demo'

export const demoEnvironments: readonly EnvironmentRow[] = [
  { id: 1, name: 'production', tier: 'production' },
  { id: 2, name: 'staging', tier: 'staging' },
  { id: 3, name: 'production-eu', tier: 'production' },
]

export function findEnvironment(name: string): EnvironmentRow {
  const env = demoEnvironments.find((e) => e.name === name)
  if (!env) throw new Error(`unknown demo environment ${name}`)
  return env
}

export interface ServicePlan {
  service: ServiceRow
  team: TeamDefinition
  extraProduction: EnvironmentRow[]
  availability: ServiceAvailability
}

/** Teams, services and environments with fixed ids (1..n) so later rows can reference them directly. */
export function buildOrganisation(): { organisation: DemoOrganisation; plans: ServicePlan[] } {
  const teams: TeamRow[] = []
  const plans: ServicePlan[] = []
  demoTeams.forEach((team, t) => {
    teams.push({ id: t + 1, slug: team.slug, name: team.name })
    for (const s of team.services) {
      const service: ServiceRow = {
        id: plans.length + 1,
        teamId: t + 1,
        slug: s.slug,
        name: s.name,
        repositoryUrl: `${REPOSITORY_OWNER_URL}/${s.slug}`,
        pathPrefixes: [],
        sloTarget: s.availability.sloTarget,
        sloWindow: s.availability.sloWindow,
      }
      plans.push({ service, team, extraProduction: (s.extraProductionEnvironments ?? []).map(findEnvironment), availability: s.availability })
    }
  })
  return {
    organisation: { teams, services: plans.map((p) => p.service), environments: [...demoEnvironments] },
    plans,
  }
}
