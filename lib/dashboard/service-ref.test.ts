import { describe, expect, it } from 'vitest'
import { parseServiceChoice, pickService, serviceChoice, serviceHref, sharedSlugs } from '@/lib/dashboard/service-ref'

const services = [
  { slug: 'api', name: 'API', team: 'payments' },
  { slug: 'api', name: 'Public API', team: 'platform' },
  { slug: 'web', name: 'Web', team: 'platform' },
]

describe('service references with per-team slugs', () => {
  const shared = sharedSlugs(services)
  it('finds the slugs several teams use', () => expect([...shared]).toEqual(['api']))
  it.each([
    [services[0]!, '/services', '/services/api?team=payments'],
    [services[1]!, '/compliance', '/compliance/api?team=platform'],
    [services[2]!, '/services', '/services/web'],
  ])('links %o under %s as %s', (s, path, href) => expect(serviceHref(s, shared, path)).toBe(href))
  it('keeps the view\'s parameters', () => {
    expect(serviceHref(services[0]!, shared, '/services', { range: '7d', tz: undefined })).toBe('/services/api?range=7d&team=payments')
    expect(serviceHref(services[2]!, shared, '/services', { range: '7d' })).toBe('/services/web?range=7d')
  })
  it('chooses by team/slug only when shared, and reads the choice back', () => {
    expect(services.map((s) => serviceChoice(s, shared))).toEqual([
      { value: 'payments/api', label: 'API (payments)' }, { value: 'platform/api', label: 'Public API (platform)' }, { value: 'web', label: 'Web' },
    ])
    expect(parseServiceChoice('payments/api')).toEqual({ team: 'payments', service: 'api' })
    expect(parseServiceChoice('web')).toEqual({ service: 'web' })
  })

  it.each([
    ['web', undefined, services[2]],
    ['web', 'payments', services[2]],
    ['api', 'platform', services[1]],
    ['api', undefined, [services[0], services[1]]],
    ['api', 'nobody', [services[0], services[1]]],
    ['missing', undefined, undefined],
  ])('picks %s of team %s', (slug, team, picked) => expect(pickService(services, slug, team)).toEqual(picked))
})
