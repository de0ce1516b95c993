import { describe, expect, it } from 'vitest'
import { DAY } from './calendar'
import { generateDemo, generateDemoBatches, planDemo } from './generate-demo'

const now = new Date('2026-06-01T00:00:00Z')

describe('generateDemo', () => {
  const first = generateDemo({ seed: 1, now })

  it('is deterministic for the same seed and now', () => {
    expect(generateDemo({ seed: 1, now }).rows).toEqual(first.rows)
  })

  it.each([
    ['another seed', { seed: 2, now }],
    ['another now', { seed: 1, now: new Date('2026-06-02T00:00:00Z') }],
  ])('changes with %s', (_name, opts) => {
    const other = generateDemo(opts).rows
    expect(other.deployments.map((d) => [d.sha, d.startedAt])).not.toEqual(first.rows.deployments.map((d) => [d.sha, d.startedAt]))
  })

  it('builds 3 teams, 10 services and the staging and production environments', () => {
    const org = first.plan.organisation
    expect(org.teams).toHaveLength(3)
    expect(org.services).toHaveLength(10)
    expect(new Set(org.services.map((s) => s.slug)).size).toBe(10)
    expect(org.environments.map((e) => [e.name, e.tier])).toEqual(
      expect.arrayContaining([['production', 'production'], ['staging', 'staging'], ['production-eu', 'production']]),
    )
    for (const s of org.services) expect(s.repositoryUrl).toBe(`https://github.com/acme-demo/${s.slug}`)
  })

  it('spans about 180 days before now and nothing after it', () => {
    const starts = first.rows.deployments.map((d) => d.startedAt)
    const finishes = first.rows.deployments.map((d) => d.finishedAt ?? 0)
    expect(Math.max(...finishes)).toBeLessThan(now.getTime())
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(now.getTime() - 180 * DAY)
    expect(Math.min(...starts)).toBeLessThan(now.getTime() - 175 * DAY)
    // now is a Monday 00:00 UTC: the last deployments happened on Friday
    expect(Math.max(...finishes)).toBeGreaterThan(now.getTime() - 4 * DAY)
  })

  it('gives every service deployments in staging and production', () => {
    for (const s of first.plan.organisation.services) {
      const envs = new Set(first.rows.deployments.filter((d) => d.serviceId === s.id).map((d) => d.environmentId))
      expect(envs.has(1) && envs.has(2), s.slug).toBe(true)
    }
  })

  it('uses unique ids and unique external ids', () => {
    const { deployments, changes, incidents } = first.rows
    expect(new Set(deployments.map((d) => d.id)).size).toBe(deployments.length)
    expect(new Set(deployments.map((d) => d.externalId)).size).toBe(deployments.length)
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length)
    expect(new Set(changes.map((c) => `${c.serviceId}:${c.sha}`)).size).toBe(changes.length)
    expect(new Set(incidents.map((i) => i.id)).size).toBe(incidents.length)
  })

  it('splits the history into batches of about the requested size', () => {
    const sizes = [...generateDemoBatches(first.plan, 500)].map((b) => b.deployments.length)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(first.rows.deployments.length)
    expect(Math.max(...sizes)).toBeLessThan(510)
  })
})

describe('planDemo scale mode', () => {
  // Each generates every row it counts (60,000 deployments with their changes and incidents, after the
  // plan's own sample run): 5.0 s for 60,000 at load average 18 on the shared 2 cores, right at Vitest's
  // default 5 s. The timeout is sized for the work on a loaded machine, not for a hang.
  it.each([20_000, 60_000])('produces about %i deployments', (deployments) => {
    const plan = planDemo({ deployments, now })
    let n = 0
    for (const b of generateDemoBatches(plan)) n += b.deployments.length
    expect(n).toBeGreaterThan(deployments * 0.9)
    expect(n).toBeLessThan(deployments * 1.1)
  }, 60_000)

  it.each([0, -5, 1.5])('rejects %s deployments', (deployments) => {
    expect(() => planDemo({ deployments, now })).toThrow(/positive integer/)
  })
})
