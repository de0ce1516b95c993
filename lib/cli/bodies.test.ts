import { describe, expect, it } from 'vitest'
import { availabilityBody, ciJobId, incidentBody, scanPath } from '@/lib/cli/bodies'

describe('plimsoll command bodies', () => {
  it.each([
    [{ GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '2', GITHUB_REPOSITORY: 'acme/shop', GITHUB_JOB: 'deploy' }, 'gha-acme/shop-77-2-deploy'],
    [{ CI_JOB_ID: '4242', CI_PROJECT_PATH: 'acme/shop' }, 'gitlab-acme/shop-4242'],
    [{ BUILDKITE_JOB_ID: 'job-7' }, 'buildkite-job-7'],
    [{ JENKINS_URL: 'https://ci/', BUILD_TAG: 'jenkins-shop-9' }, 'jenkins-jenkins-shop-9'],
    [{ BUILD_TAG: 'not-jenkins' }, undefined],
    [{}, undefined],
  ])('the CI job id of %o is %s', (env, id) => {
    expect(ciJobId(env as NodeJS.ProcessEnv)).toBe(id)
  })

  it('leaves out what was not given and fills the times that default to now', () => {
    expect(incidentBody('resolve', { id: 'i-1', service: 'api', resolvedAt: '2026-05-01T10:00:00Z' })).toEqual({
      id: 'i-1',
      service: 'api',
      resolvedAt: '2026-05-01T10:00:00Z',
    })
    expect(availabilityBody({ service: 'api', check: 'edge', state: 'down' })).toMatchObject({
      service: 'api',
      check: 'edge',
      up: false,
      at: expect.stringMatching(/^\d{4}-/),
    })
    expect(scanPath({ service: 'api', env: 'production', scannedAt: '2026-05-01T10:00:00Z' })).toBe(
      'api/v1/scans?service=api&environment=production&scannedAt=2026-05-01T10%3A00%3A00Z',
    )
  })
})
