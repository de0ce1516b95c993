import { beforeAll, describe, expect, it } from 'vitest'
import { POST as postScan } from '@/app/api/v1/scans/route'
import { POST as postDeployment } from '@/app/api/v1/deployments/route'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'

// A scan carrying an image digest or a commit sha is linked to the deployments of that image or commit,
// through the real route handlers against PostgreSQL.
const DIGEST = `sha256:${'c0ffee'.repeat(10)}abcd`
const SHA = 'a'.repeat(40)
let token: string
const context = { params: Promise.resolve({}) }
const call = (handler: typeof postScan, url: string, body: string) =>
  handler(new Request(url, { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }), context)

beforeAll(async () => {
  token = (await seedTeamWithToken(process.env.DATABASE_URL!, 'scan-deploys')).token
})

async function deploy(service: string, id: string, fields: Record<string, unknown>) {
  const res = await call(postDeployment, 'http://localhost/api/v1/deployments', JSON.stringify({ id, service, environment: 'production', status: 'success', ...fields }))
  expect(res.status).toBe(201)
}

async function scan(service: string, query: Record<string, string>, createdAt: string) {
  const report = JSON.stringify({ SchemaVersion: 2, CreatedAt: createdAt, ArtifactName: 'app', Results: [] })
  const res = await call(postScan, `http://localhost/api/v1/scans?${new URLSearchParams({ service, ...query })}`, report)
  expect(res.status).toBe(201)
  return ((await res.json()) as { data: { deployments: { externalId: string; environment: string; matchedBy: string }[] } }).data.deployments
}

describe('scans joined to deployments', () => {
  it('links a scan to the deployments whose version names its digest or whose sha is its commit, in its environment', async () => {
    const service = uniqueSlug('scan-deploys')
    await deploy(service, 'by-digest', { version: `registry.example/app@${DIGEST}`, finishedAt: '2026-05-01T10:00:00Z' })
    await deploy(service, 'by-sha', { sha: SHA, finishedAt: '2026-05-02T10:00:00Z' })
    await deploy(service, 'staging', { environment: 'staging', version: DIGEST, sha: SHA, finishedAt: '2026-05-03T10:00:00Z' })
    await deploy(service, 'unrelated', { sha: 'b'.repeat(40), version: 'registry.example/app:1.2.3', finishedAt: '2026-05-04T10:00:00Z' })

    expect(await scan(service, { digest: DIGEST, environment: 'production' }, '2026-05-05T00:00:00Z'))
      .toMatchObject([{ externalId: 'by-digest', environment: 'production', matchedBy: 'digest' }])
    // an abbreviated sha matches too; without an environment every environment's deployment counts
    expect((await scan(service, { commit: SHA.slice(0, 12) }, '2026-05-06T00:00:00Z')).map((d) => [d.externalId, d.matchedBy]))
      .toEqual([['staging', 'sha'], ['by-sha', 'sha']])
    expect(await scan(service, { image: 'registry.example/app' }, '2026-05-07T00:00:00Z')).toEqual([])
  })

  it('links a deployment reported after its scan when the scan is read again', async () => {
    const service = uniqueSlug('scan-late-deploy')
    expect(await scan(service, { digest: DIGEST }, '2026-06-01T00:00:00Z')).toEqual([])
    await deploy(service, 'later', { version: DIGEST, finishedAt: '2026-06-02T10:00:00Z' })
    // the same report again is answered from the stored scan, now with its deployment
    const report = JSON.stringify({ SchemaVersion: 2, CreatedAt: '2026-06-01T00:00:00Z', ArtifactName: 'app', Results: [] })
    const again = await call(postScan, `http://localhost/api/v1/scans?${new URLSearchParams({ service, digest: DIGEST })}`, report)
    expect(again.status).toBe(200)
    expect(((await again.json()) as { data: { deployments: { externalId: string }[] } }).data.deployments.map((d) => d.externalId)).toEqual(['later'])
  })
})
