import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'

// the webhook route opens stored connection secrets
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const { seedTeamWithToken, uniqueSlug } = await import('@/lib/testing/seed-team')
const { takeRateLimitToken } = await import('@/lib/queries/rate-limit-buckets')
const { rateLimits } = await import('@/lib/http/rate-limit')
const deployments = await import('@/app/api/v1/deployments/route')
const githubWebhook = await import('@/app/api/webhooks/github/route')
const gitlabWebhook = await import('@/app/api/webhooks/gitlab/route')
const authRoute = await import('@/app/api/auth/[...all]/route')

// The limits the route wrapper applies (lib/http/request-limits.ts), through the real handler and PostgreSQL.
const ctx = { params: Promise.resolve({}) }
const ip = () => `10.77.${randomBytes(1)[0]}.${randomBytes(1)[0]}`
const post = (token: string, from: string) => deployments.POST(new Request('http://localhost/api/v1/deployments', {
  method: 'POST',
  body: JSON.stringify({ id: uniqueSlug('rl'), service: uniqueSlug('rate-limited'), environment: 'production', status: 'success', finishedAt: '2026-05-01T10:00:00Z' }),
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-forwarded-for': from },
}), ctx)

let team: Awaited<ReturnType<typeof seedTeamWithToken>>
beforeAll(async () => {
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'ratelimit')
})

describe('request limits', () => {
  it(`answers 429 with Retry-After after ${rateLimits.authFailuresPerIp.capacity} wrong tokens from one address; a right token still works there`, async () => {
    const from = ip()
    for (let i = 0; i < rateLimits.authFailuresPerIp.capacity; i++) expect((await post(`pls_guess${i}`, from)).status).toBe(401)
    const limited = await post('pls_one-more-guess', from)
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json()).error.code).toBe('TOO_MANY_REQUESTS')
    expect((await post(team.token, from)).status).toBe(201)
  })

  it('answers 429 once a token has used its ingest bucket, from any address', async () => {
    const { capacity } = rateLimits.ingestPerToken
    // more than it holds: the bucket stays empty for seconds however slow this machine is
    await takeRateLimitToken(`${rateLimits.ingestPerToken.name}:${team.tokenId}`, rateLimits.ingestPerToken, capacity + 200)
    const res = await post(team.token, ip())
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('answers 429 once an address has used its ingest bucket, whatever the token', async () => {
    const other = await seedTeamWithToken(process.env.DATABASE_URL!, 'ratelimit-ip')
    const from = ip()
    const { capacity } = rateLimits.ingestPerIp
    await takeRateLimitToken(`${rateLimits.ingestPerIp.name}:${from}`, rateLimits.ingestPerIp, capacity + 400)
    expect((await post(other.token, from)).status).toBe(429)
    expect((await post(other.token, ip())).status).toBe(201)
  })

  it('counts wrong webhook signatures against the sender\'s address too', async () => {
    const from = ip()
    const deliver = () => githubWebhook.POST(new Request('http://localhost/api/webhooks/github', {
      method: 'POST', body: JSON.stringify({ zen: 'guess' }),
      headers: {
        'content-type': 'application/json', 'x-forwarded-for': from, 'x-github-event': 'ping',
        'x-github-delivery': crypto.randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
      },
    }), ctx)
    for (let i = 0; i < rateLimits.authFailuresPerIp.capacity; i++) expect((await deliver()).status).toBe(401)
    const limited = await deliver()
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
  })

  it('refuses an address out of failures before reading any of its body, on both webhooks', async () => {
    const from = ip()
    await takeRateLimitToken(`${rateLimits.authFailuresPerIp.name}:${from}`, rateLimits.authFailuresPerIp, rateLimits.authFailuresPerIp.capacity)
    let pulled = 0
    // a body that would take 25 MiB to read: the answer must come before its first chunk is asked for
    const body = () => new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(64 * 1024))) }, { highWaterMark: 0 })
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': from }
    const github = await githubWebhook.POST(new Request('http://localhost/api/webhooks/github', {
      method: 'POST', body: body(), duplex: 'half',
      headers: { ...headers, 'x-github-event': 'ping', 'x-github-delivery': crypto.randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
    } as RequestInit), ctx)
    const gitlab = await gitlabWebhook.POST(new Request('http://localhost/api/webhooks/gitlab', {
      method: 'POST', body: body(), duplex: 'half', headers: { ...headers, 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'guess' },
    } as RequestInit), ctx)
    expect([github.status, gitlab.status]).toEqual([429, 429])
    expect(pulled).toBe(0)
    // another address is not concerned
    const other = await githubWebhook.POST(new Request('http://localhost/api/webhooks/github', {
      method: 'POST', body: '{}', headers: { ...headers, 'x-forwarded-for': ip(), 'x-github-event': 'ping', 'x-github-delivery': crypto.randomUUID(), 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
    }), ctx)
    expect(other.status).toBe(401)
  })

  it(`limits answers that write the session cookie to ${rateLimits.sessionWritesPerIp.capacity} at once per address`, async () => {
    const from = ip()
    const signOut = (address: string) => authRoute.POST(new Request('http://localhost:3000/api/auth/sign-out', {
      method: 'POST', headers: { 'x-forwarded-for': address, origin: 'http://localhost:3000', cookie: 'plimsoll.session_token=made-up' },
    }))
    const first = await signOut(from)
    expect(first.headers.getSetCookie().length).toBeGreaterThan(0)
    await takeRateLimitToken(`${rateLimits.sessionWritesPerIp.name}:${from}`, rateLimits.sessionWritesPerIp, rateLimits.sessionWritesPerIp.capacity)
    const limited = await signOut(from)
    expect(limited.status).toBe(429)
    expect(limited.headers.getSetCookie()).toEqual([])
    expect((await signOut(ip())).status).toBe(first.status)
  })
})
