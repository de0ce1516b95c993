import { describe, expect, it } from 'vitest'
import { exampleService } from '@/lib/settings/example-service'

const teams = [{ id: 3, slug: 'back-office' }, { id: 1, slug: 'storefront' }, { id: 2, slug: 'platform' }]
const services = [
  { slug: 'billing-engine', team: 'back-office' }, { slug: 'api-gateway', team: 'platform' },
  { slug: 'catalog-api', team: 'storefront' },
]

describe('the service named by the copyable deployment command', () => {
  it.each([
    ['an admin (every team writable): the oldest team, whose token npm start prints', [1, 2, 3], { team: 'storefront', service: 'catalog-api' }],
    ['a maintainer of back office only', [3], { team: 'back-office', service: 'billing-engine' }],
    ['a viewer (no writable team): the oldest team', [], { team: 'storefront', service: 'catalog-api' }],
  ])('%s', (_, writable, expected) => {
    expect(exampleService(teams, writable, services)).toEqual(expected)
  })

  it('a team without services yet: a placeholder service, which the first deployment creates in that team', () => {
    expect(exampleService([{ id: 1, slug: 'payments' }], [1], [])).toEqual({ team: 'payments', service: 'my-service' })
    expect(exampleService([], [], [])).toEqual({ team: null, service: 'my-service' })
  })
})
