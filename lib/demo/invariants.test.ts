import { describe, expect, it } from 'vitest'
import { generateDemo } from './generate-demo'
import type { DeploymentRow } from './types'

// Properties of the generated history that the dashboard's metrics rely on.
const now = new Date('2026-06-01T00:00:00Z')
const { plan, rows } = generateDemo({ seed: 7, now })
const PRODUCTION_TIERS = new Set(plan.organisation.environments.filter((e) => e.tier === 'production').map((e) => e.id))
const STAGING = plan.organisation.environments.find((e) => e.name === 'staging')?.id
const PRODUCTION = plan.organisation.environments.find((e) => e.name === 'production')?.id
const deploymentById = new Map(rows.deployments.map((d) => [d.id, d]))
const changeById = new Map(rows.changes.map((c) => [c.id, c]))
const finished = (d: DeploymentRow): number => d.finishedAt ?? Infinity

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? NaN
}

describe('demo history invariants', () => {
  it('deploys every production sha to staging first', () => {
    const stagedAt = new Map<string, number>()
    for (const d of rows.deployments) {
      if (d.environmentId !== STAGING || d.status !== 'success') continue
      const key = `${d.serviceId}:${d.sha}`
      stagedAt.set(key, Math.min(stagedAt.get(key) ?? Infinity, finished(d)))
    }
    const production = rows.deployments.filter((d) => PRODUCTION_TIERS.has(d.environmentId))
    expect(production.length).toBeGreaterThan(100)
    for (const d of production) {
      expect(stagedAt.get(`${d.serviceId}:${d.sha}`) ?? Infinity, `deployment ${d.id}`).toBeLessThanOrEqual(d.startedAt)
    }
  })

  it('only carries changes that were committed and merged before the deployment', () => {
    for (const link of rows.deploymentChanges) {
      const d = deploymentById.get(link.deploymentId)
      const c = changeById.get(link.changeId)
      expect(d && c, `link ${link.deploymentId}/${link.changeId}`).toBeTruthy()
      if (!d || !c) continue
      expect(c.serviceId).toBe(d.serviceId)
      expect(c.committedAt).toBeLessThanOrEqual(finished(d))
      expect(c.prMergedAt).toBeLessThanOrEqual(d.startedAt)
    }
  })

  it('orders commit, PR opened and PR merged', () => {
    for (const c of rows.changes) {
      expect(c.authoredAt).toBeLessThanOrEqual(c.committedAt)
      expect(c.committedAt).toBeLessThanOrEqual(c.prOpenedAt)
      expect(c.prOpenedAt).toBeLessThanOrEqual(c.prMergedAt)
      expect(c.sha).toMatch(/^[0-9a-f]{40}$/)
    }
  })

  it('records the earliest successful deployment per change and environment', () => {
    const expected = new Map<string, DeploymentRow>()
    for (const link of rows.deploymentChanges) {
      const d = deploymentById.get(link.deploymentId)
      if (!d || d.status !== 'success') continue
      const key = `${link.changeId}:${d.environmentId}`
      const best = expected.get(key)
      if (!best || finished(d) < finished(best)) expected.set(key, d)
    }
    expect(rows.firstDeployments).toHaveLength(expected.size)
    for (const f of rows.firstDeployments) {
      const d = expected.get(`${f.changeId}:${f.environmentId}`)
      expect(f.deploymentId).toBe(d?.id)
      expect(f.deployedAt).toBe(d?.finishedAt)
    }
  })

  it('runs deployments of one service to one environment one after another', () => {
    const last = new Map<string, number>()
    for (const d of rows.deployments) {
      const key = `${d.serviceId}:${d.environmentId}`
      expect(d.startedAt, `deployment ${d.id}`).toBeGreaterThanOrEqual(last.get(key) ?? -Infinity)
      last.set(key, finished(d))
    }
  })

  it('rolls back to an older version and marks hotfixes', () => {
    const rollbacks = rows.deployments.filter((d) => d.isRollback)
    expect(rollbacks.length).toBeGreaterThan(5)
    expect(rows.deployments.filter((d) => d.isHotfix && d.environmentId === PRODUCTION).length).toBeGreaterThan(3)
    for (const r of rollbacks) {
      const earlier = rows.deployments.find((d) => d.serviceId === r.serviceId && d.environmentId === r.environmentId &&
        d.sha === r.sha && d.status === 'success' && d.id < r.id)
      expect(earlier, `rollback ${r.id} redeploys a known build`).toBeDefined()
    }
  })

  it('links incidents to production deployments that finished before they opened', () => {
    const { incidents } = rows
    expect(incidents.filter((i) => i.causeDeploymentId !== null).length).toBeGreaterThan(10)
    expect(incidents.filter((i) => i.causeDeploymentId === null).length).toBeGreaterThan(3)
    expect(incidents.filter((i) => i.resolvedAt === null).length).toBeGreaterThanOrEqual(2)
    expect(incidents.some((i) => i.isOutage)).toBe(true)
    for (const i of incidents) {
      if (i.resolvedAt !== null) expect(i.resolvedAt).toBeGreaterThan(i.openedAt)
      expect(i.causeLinkMethod === null).toBe(i.causeDeploymentId === null)
      const cause = i.causeDeploymentId === null ? undefined : deploymentById.get(i.causeDeploymentId)
      if (cause) {
        expect(cause.environmentId).toBe(PRODUCTION)
        expect(cause.startedAt).toBeLessThanOrEqual(i.openedAt)
      }
      const fix = i.fixDeploymentId === null ? undefined : deploymentById.get(i.fixDeploymentId)
      if (fix) expect(finished(fix)).toBeLessThanOrEqual(i.resolvedAt ?? Infinity)
    }
  })

  it.each([
    ['lead time (commit to production)', 'lead'],
    ['time between production deployments', 'gap'],
  ] as const)('makes the elite team faster than the low team: %s', (_name, metric) => {
    const byTeam = (slug: string): number => {
      const team = plan.organisation.teams.find((t) => t.slug === slug)
      const services = new Set(plan.organisation.services.filter((s) => s.teamId === team?.id).map((s) => s.id))
      if (metric === 'lead') {
        return median(rows.firstDeployments
          .filter((f) => f.environmentId === PRODUCTION && services.has(changeById.get(f.changeId)?.serviceId ?? -1))
          .map((f) => f.deployedAt - (changeById.get(f.changeId)?.committedAt ?? 0)))
      }
      const prod = rows.deployments.filter((d) => services.has(d.serviceId) && d.environmentId === PRODUCTION)
      return (180 * 24) / (prod.length / services.size)
    }
    const [elite, high, low] = [byTeam('storefront'), byTeam('platform'), byTeam('back-office')]
    expect(elite).toBeLessThan(high)
    expect(high).toBeLessThan(low)
  })

  it('matches the change failure rates of the profiles roughly', () => {
    // A production deployment failed if its rollout failed, an incident names it, or the next one repairs it.
    const causedIncident = new Set(rows.incidents.map((i) => i.causeDeploymentId))
    const rate = (teamId: number): number => {
      const services = new Set(plan.organisation.services.filter((s) => s.teamId === teamId).map((s) => s.id))
      const prod = rows.deployments.filter((d) => services.has(d.serviceId) && d.environmentId === PRODUCTION)
      const failed = prod.filter((d, i) => {
        const next = prod.slice(i + 1).find((n) => n.serviceId === d.serviceId)
        return d.status === 'failure' || causedIncident.has(d.id) || next?.isRollback || next?.isHotfix
      })
      return failed.length / prod.filter((d) => !d.isRollback && !d.isHotfix).length
    }
    expect(rate(1)).toBeLessThan(0.1)
    expect(rate(3)).toBeGreaterThan(0.2)
  })
})
