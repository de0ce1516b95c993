import { describe, expect, it } from 'vitest'
import { environmentSlug, fromDevlakeBody, fromNativeBody, httpUrl, normalizeRepositoryUrl, repoSlug } from '@/lib/ingest/deployment-input'
import { devlakeDeploymentSchema, fromLegacyDevlake } from '@/lib/validation/devlake'
import { deploymentBodySchema } from '@/lib/validation/deployments'

const received = new Date('2026-05-02T00:00:00Z')
const sha = '015e3d3b480e417aede5a1293bd61de9b0fd051d'

describe('fromNativeBody', () => {
  it('defaults finishedAt to the request time for a finished status and marks it defaulted', () => {
    const body = deploymentBodySchema.parse({ id: 'd1', service: 'Checkout', environment: 'production', status: 'success' })
    const input = fromNativeBody(body, received)
    expect(input).toMatchObject({ finishedAt: received, finishedAtIsDefault: true, service: { slug: 'checkout' } })
  })

  it('adds the deployed sha as a carried change when the commit list omits it', () => {
    const body = deploymentBodySchema.parse({ id: 'd1', service: 'a', environment: 'production', status: 'success', sha, commits: [{ sha: 'abcdef1' }] })
    expect(fromNativeBody(body, received).commits.map((c) => c.sha)).toEqual(['abcdef1', sha])
  })

  it('leaves finishedAt unset while in progress', () => {
    const body = deploymentBodySchema.parse({ id: 7, service: 'a', environment: 'production', status: 'in_progress' })
    expect(fromNativeBody(body, received)).toMatchObject({ externalId: '7', finishedAt: undefined, finishedAtIsDefault: false })
  })
})

describe('fromDevlakeBody', () => {
  const body = {
    id: 'deploy-2024-05-01-001',
    result: 'FAILURE',
    environment: 'PRODUCTION',
    originalEnvironment: 'prod-eu-west-1',
    startedDate: '2024-05-01T10:01:00+00:00',
    finishedDate: '2024-05-01T10:09:00+00:00',
    deploymentCommits: [
      { repoUrl: 'https://github.com/acme/api.git', commitSha: sha, refName: 'main' },
      { repoUrl: 'https://github.com/acme/web', commitSha: 'abcdef1234' },
    ],
  }

  it('maps one repository to one deployment each, with DevLake result and environment', () => {
    const inputs = fromDevlakeBody(devlakeDeploymentSchema.parse(body))
    expect(inputs).toHaveLength(2)
    expect(inputs[0]).toMatchObject({
      source: 'devlake',
      externalId: 'deploy-2024-05-01-001',
      status: 'failure',
      environment: { name: 'prod-eu-west-1', tier: 'production' },
      service: { slug: 'api', slugFromRepository: true },
      sha,
      ref: 'main',
      finishedAt: new Date('2024-05-01T10:09:00Z'),
    })
    expect(inputs[1]?.service.slug).toBe('web')
  })

  it.each([
    ['SUCCESS', 'success'],
    ['FAILURE', 'failure'],
    ['ABORT', 'cancelled'],
    ['MANUAL', 'in_progress'],
  ])('result %s -> %s', (result, status) => {
    expect(fromDevlakeBody(devlakeDeploymentSchema.parse({ ...body, result }))[0]?.status).toBe(status)
  })

  it('uses ?service= for every repository when given', () => {
    expect(fromDevlakeBody(devlakeDeploymentSchema.parse(body), 'platform').map((i) => i.service.slug)).toEqual(['platform', 'platform'])
  })

  it('accepts the legacy snake_case body', () => {
    const legacy = {
      pipeline_id: 'p-1', environment: 'STAGING', start_time: '2024-05-01T10:01:00+00:00', end_time: '2024-05-01T10:09:00+00:00',
      repo_url: 'https://github.com/acme/api', commit_sha: sha,
    }
    const inputs = fromDevlakeBody(devlakeDeploymentSchema.parse(fromLegacyDevlake(legacy)))
    expect(inputs).toMatchObject([{ externalId: 'p-1', status: 'success', environment: { name: 'staging', tier: 'staging' }, sha }])
  })
})

describe('repository helpers', () => {
  it.each([
    ['https://github.com/Acme/Checkout-API.git', 'checkout-api'],
    ['https://gitlab.com/group/sub/web/', 'web'],
  ])('repoSlug(%s) = %s', (url, slug) => expect(repoSlug(url)).toBe(slug))

  it('normalizes repository URLs for matching', () => {
    expect(normalizeRepositoryUrl('https://github.com/Acme/API.git/')).toBe('https://github.com/acme/api')
  })
})

describe('environmentSlug and httpUrl (free text from webhooks and DevLake)', () => {
  it.each([['Production EU', 'production-eu'], ['-m', 'm'], ['-', 'default'], ['staging', 'staging']])('%s -> %s', (name, slug) => expect(environmentSlug(name)).toBe(slug))
  it.each([['https://ci.example/1', 'https://ci.example/1'], ['', undefined], ['9999-12-31T23:59:59+14:00', undefined], ['javascript:alert(1)', undefined]])(
    'url %s -> %s', (url, kept) => expect(httpUrl(url)).toBe(kept))
})
