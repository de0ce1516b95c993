import { describe, expect, it } from 'vitest'
import { routeCommits, touchesPrefix } from '@/lib/github/route-commits'

const service = (serviceId: number, pathPrefixes: string[]) => ({ serviceId, serviceSlug: `s${serviceId}`, deployWorkflow: null, pathPrefixes })
const commit = (sha: string) => ({ sha })

describe('touchesPrefix', () => {
  it.each([
    ['services/api/main.go', 'services/api', true],
    ['services/api/main.go', 'services/api/', true],
    ['services/api/main.go', '/services/api', true],
    ['services/api', 'services/api', true],
    ['services/api-gateway/main.go', 'services/api', false],
    ['docs/readme.md', 'services/api', false],
    ['anything', '', true],
  ])('%s under %s: %s', (path, prefix, expected) => expect(touchesPrefix(path, prefix)).toBe(expected))
})

describe('routeCommits', () => {
  const services = [service(1, []), service(2, ['services/api']), service(3, ['services/web', 'libs/ui'])]
  const paths = { a: ['services/api/x.go'], b: ['libs/ui/button.tsx', 'README.md'], c: ['docs/x.md'] }

  it('gives a whole-repository service every commit and prefixed ones the commits touching their paths', () => {
    const routed = routeCommits(services, [commit('a'), commit('b'), commit('c')], paths)
    expect(routed.map((r) => [r.serviceId, r.commits.map((c) => c.sha)])).toEqual([[1, ['a', 'b', 'c']], [2, ['a']], [3, ['b']]])
  })

  it('commits without known paths only update the prefixed services that already have them', () => {
    const routed = routeCommits(services, [commit('m')])
    expect(routed).toEqual([
      { serviceId: 1, commits: [commit('m')], ifKnown: [] },
      { serviceId: 2, commits: [], ifKnown: [commit('m')] },
      { serviceId: 3, commits: [], ifKnown: [commit('m')] },
    ])
  })
})
