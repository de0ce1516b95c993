import type { SloWindowKind } from '@/lib/metrics/slo'
import type { DeploymentStrategy } from './types'

// Delivery behaviour per team. Hours are calendar hours before working-hours bias is applied.
export interface TeamProfile {
  performance: 'elite' | 'high' | 'low'
  prsPerDay: number // per service
  commitsBeforePrHours: number // median time from first commit to PR opened
  reviewHours: number // median time from PR opened to merge
  stagingEveryHours: number
  productionEveryHours: number
  soakHours: number // minimum time a build sits in staging before promotion
  deployMinutes: number
  changeFailureRate: number // share of production deployments that fail or cause an incident
  stagingFailureRate: number
  detectMinutes: number // deployment finished -> incident opened
  restoreHours: number // median incident opened -> fixed
  rollbackShare: number // of fixes, how many are rollbacks (the rest are hotfixes)
  unlinkedIncidentShare: number // deployment-caused incidents the reporter did not link
  backgroundIncidentsPerYear: number // per service, not caused by a deployment
  strategies: readonly DeploymentStrategy[]
  triggeredBy: readonly string[]
  releaseTags: boolean // low performers deploy tags, the others deploy main
  pace: number // 1 normally; scale mode's time compression, also applied to fixed minute-sized gaps
}

/**
 * What the service's probe saw over the last 90 days, and its SLO. Outages longer than two samples open
 * an outage incident (the probes' failure threshold); blips are one or two failing samples (downtime,
 * no incident). `outageFree`: its generated incidents are degradations, never outages (the five-nines one).
 */
export interface ServiceAvailability {
  sloTarget: number
  sloWindow: SloWindowKind
  outages: number
  outageMinutes: number // median length
  blips: number
  latencyMs: number // typical probe latency
  outageFree?: boolean
}

export interface ServiceDefinition {
  slug: string
  name: string
  extraProductionEnvironments?: readonly string[]
  availability: ServiceAvailability
}

export interface TeamDefinition {
  slug: string
  name: string
  profile: TeamProfile
  services: readonly ServiceDefinition[]
}

const elite: TeamProfile = {
  performance: 'elite',
  prsPerDay: 5,
  commitsBeforePrHours: 2,
  reviewHours: 1.5,
  stagingEveryHours: 0.8,
  productionEveryHours: 1.2,
  soakHours: 0.3,
  deployMinutes: 6,
  changeFailureRate: 0.05,
  stagingFailureRate: 0.03,
  detectMinutes: 8,
  restoreHours: 0.4,
  rollbackShare: 0.7,
  unlinkedIncidentShare: 0.15,
  backgroundIncidentsPerYear: 3,
  strategies: ['canary', 'canary', 'blue_green', 'ab_test'],
  triggeredBy: ['github-actions', 'github-actions', 'argocd'],
  releaseTags: false,
  pace: 1,
}

const high: TeamProfile = {
  performance: 'high',
  prsPerDay: 3,
  commitsBeforePrHours: 10,
  reviewHours: 10,
  stagingEveryHours: 10,
  productionEveryHours: 40,
  soakHours: 6,
  deployMinutes: 14,
  changeFailureRate: 0.12,
  stagingFailureRate: 0.07,
  detectMinutes: 40,
  restoreHours: 5,
  rollbackShare: 0.5,
  unlinkedIncidentShare: 0.25,
  backgroundIncidentsPerYear: 4,
  strategies: ['rolling', 'rolling', 'blue_green'],
  triggeredBy: ['github-actions', 'j.okafor', 'l.meyer'],
  releaseTags: false,
  pace: 1,
}

const low: TeamProfile = {
  performance: 'low',
  prsPerDay: 1.5,
  commitsBeforePrHours: 40,
  reviewHours: 70,
  stagingEveryHours: 60,
  productionEveryHours: 24 * 12,
  soakHours: 72,
  deployMinutes: 45,
  changeFailureRate: 0.33,
  stagingFailureRate: 0.15,
  detectMinutes: 240,
  restoreHours: 40,
  rollbackShare: 0.35,
  unlinkedIncidentShare: 0.25,
  backgroundIncidentsPerYear: 5,
  strategies: ['recreate', 'recreate', 'rolling'],
  triggeredBy: ['r.kowalski', 'a.santos', 'jenkins'],
  releaseTags: true,
  pace: 1,
}

// Three teams, ten services; the elite team comes first so the dashboard opens on the best example.
// SLOs cover every target and window; checkout-api meets five nines, search-api misses them.
export const demoTeams: readonly TeamDefinition[] = [
  {
    slug: 'storefront',
    name: 'Storefront',
    profile: elite,
    services: [
      { slug: 'web-storefront', name: 'Web storefront', availability: slo(99.95, 'rolling_30d', 2, 8, 4, 120) },
      { slug: 'catalog-api', name: 'Catalog API', availability: slo(99.99, 'rolling_28d', 1, 5, 3, 45) },
      { slug: 'search-api', name: 'Search API', availability: slo(99.999, 'calendar_quarter', 1, 9, 2, 80) },
      {
        slug: 'checkout-api', name: 'Checkout API', extraProductionEnvironments: ['production-eu'],
        availability: { ...slo(99.999, 'rolling_30d', 0, 0, 1, 60), outageFree: true },
      },
    ],
  },
  {
    slug: 'platform',
    name: 'Platform',
    profile: high,
    services: [
      { slug: 'identity-service', name: 'Identity service', availability: slo(99.95, 'rolling_30d', 2, 12, 5, 35) },
      { slug: 'notification-service', name: 'Notification service', availability: slo(99.9, 'rolling_28d', 3, 25, 6, 150) },
      { slug: 'api-gateway', name: 'API gateway', availability: slo(99.99, 'calendar_quarter', 1, 6, 4, 20) },
    ],
  },
  {
    slug: 'back-office',
    name: 'Back office',
    profile: low,
    services: [
      { slug: 'billing-engine', name: 'Billing engine', availability: slo(99.9, 'rolling_30d', 3, 40, 6, 300) },
      { slug: 'reporting-batch', name: 'Reporting batch', availability: slo(99.9, 'calendar_quarter', 4, 70, 8, 900) },
      { slug: 'erp-connector', name: 'ERP connector', availability: slo(99.95, 'rolling_28d', 3, 30, 6, 450) },
    ],
  },
]

function slo(sloTarget: number, sloWindow: SloWindowKind, outages: number, outageMinutes: number, blips: number, latencyMs: number): ServiceAvailability {
  return { sloTarget, sloWindow, outages, outageMinutes, blips, latencyMs }
}

/** Time compression for scale mode: every interval and duration is divided by `density`. */
export function scaleProfile(profile: TeamProfile, density: number): TeamProfile {
  if (density === 1) return profile
  return {
    ...profile,
    prsPerDay: profile.prsPerDay * density,
    commitsBeforePrHours: profile.commitsBeforePrHours / density,
    reviewHours: profile.reviewHours / density,
    stagingEveryHours: profile.stagingEveryHours / density,
    productionEveryHours: profile.productionEveryHours / density,
    soakHours: profile.soakHours / density,
    deployMinutes: profile.deployMinutes / density,
    detectMinutes: profile.detectMinutes / density,
    restoreHours: profile.restoreHours / density,
    backgroundIncidentsPerYear: profile.backgroundIncidentsPerYear * density,
    pace: density,
  }
}
