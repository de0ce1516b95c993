import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { auth, deploymentBody, unique } from './api'

// Every page of the app, for the specs that walk them all (page basics, screenshots in both themes):
// one service with a deployment and an incident, so the pages that need an id have one.
export async function seedEveryPage(request: APIRequestContext, service: string): Promise<number> {
  const finishedAt = new Date(Date.now() - 3_600_000).toISOString()
  const deployed = await request.post('/api/v1/deployments', { headers: auth(), data: deploymentBody({ service, startedAt: undefined, finishedAt }) })
  expect(deployed.status()).toBe(201)
  const opened = await request.post('/api/v1/incidents', {
    headers: auth(),
    data: { id: unique('INC'), service, title: `A rather long incident title that must wrap on a phone ${service}`, openedAt: finishedAt },
  })
  expect(opened.status()).toBe(201)
  return (await opened.json()).data.id
}

const metricPages = [
  ['deploymentFrequency', 'Deployment frequency'], ['leadTime', 'Lead time for changes'], ['changeFailureRate', 'Change failure rate'],
  ['timeToRestore', 'Time to restore'], ['failedDeploymentRecoveryTime', 'Failed deployment recovery'], ['reworkRate', 'Rework rate'],
  ['availability', 'Availability'], ['compliance', 'Compliance score'],
] as const

// [path, the title's own part, the navigation entry marked current]
export const everyPage = (service: string, incidentId: number): [string, string, string][] => [
  ['/', 'Overview', 'Overview'],
  ['/services', 'Services', 'Services'],
  [`/services/${service}`, `Service ${service}`, 'Services'],
  ['/teams', 'Teams', 'Teams'],
  [`/teams/${process.env.E2E_TEAM}`, `Team ${process.env.E2E_TEAM}`, 'Teams'],
  ['/deployments', 'Deployments', 'Deployments'],
  ['/strategies', 'Deployment strategies', 'Strategies'],
  ['/availability', 'Availability', 'Availability'],
  ['/incidents', 'Incidents', 'Incidents'],
  [`/incidents/${incidentId}`, `Incident ${incidentId}`, 'Incidents'],
  ['/compliance', 'Compliance', 'Compliance'],
  [`/compliance/${service}`, `Compliance of ${service}`, 'Compliance'],
  ['/reports', 'Reports', 'Reports'],
  ['/settings', 'Settings', 'Settings'],
  ['/settings/audit', 'Audit log', 'Settings'],
  ['/docs/api', 'API reference', 'API'],
  ...metricPages.map(([m, title]): [string, string, string] => [`/metrics/${m}`, title, 'Overview']),
]

export async function expectNoSidewaysScroll(page: Page, check = expect) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
  check(scrollWidth, `${page.url()} is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth)
}
