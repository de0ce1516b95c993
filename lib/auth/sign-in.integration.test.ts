import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'

const { createUser } = await import('@/lib/auth/users')
const authRoute = await import('@/app/api/auth/[...all]/route')
const metrics = await import('@/app/api/v1/metrics/route')
const { SIGN_IN_ATTEMPTS_PER_MINUTE } = await import('@/lib/auth/auth')
const { LOCKOUT_FAILURES } = await import('@/lib/auth/sign-in-lockout')

// Sign-in through Better Auth's real handler and PostgreSQL; the session cookie then opens the API.
const ctx = { params: Promise.resolve({}) }
const PASSWORD = 'correct horse battery'
const signIn = (email: string, password: string, ip: string) =>
  authRoute.POST(new Request('http://localhost/api/auth/sign-in/email', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
    headers: { 'content-type': 'application/json', origin: 'http://localhost', 'x-forwarded-for': ip },
  }))
const randomIp = () => `10.${[0, 0, 0].map(() => randomBytes(1)[0]!).join('.')}`
const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ')

let email: string
beforeAll(async () => {
  email = `viewer-${randomBytes(4).toString('hex')}@example.com`
  await createUser({ email, name: 'A viewer', role: 'viewer', teamIds: [], password: PASSWORD })
})

describe('password sign-in', () => {
  it('sets a session cookie that the API accepts; without it the API answers 401', async () => {
    const res = await signIn(email, PASSWORD, randomIp())
    expect(res.status).toBe(200)
    const cookie = cookieOf(res)
    expect(cookie).toMatch(/plimsoll\.session_token=/)
    const url = 'http://localhost/api/v1/metrics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z'
    expect((await metrics.GET(new Request(url, { headers: { cookie } }), ctx)).status).toBe(200)
    expect((await metrics.GET(new Request(url), ctx)).status).toBe(401)
  })

  it('refuses a wrong password with 401', async () => {
    expect((await signIn(email, 'wrong password!', randomIp())).status).toBe(401)
  })

  it(`locks the account at one address after ${LOCKOUT_FAILURES} wrong passwords (the right one too); other addresses still sign in`, async () => {
    const target = `locked-${randomBytes(4).toString('hex')}@example.com`
    await createUser({ email: target, name: 'Target', role: 'viewer', teamIds: [], password: PASSWORD })
    const attacker = randomIp()
    for (let i = 0; i < LOCKOUT_FAILURES; i++) expect((await signIn(target, `guess number ${i}`, attacker)).status).toBe(401)
    const locked = await signIn(target, PASSWORD, attacker)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800)
    // the owner, at an address of their own, is not locked out by a stranger's guesses
    expect((await signIn(target, PASSWORD, randomIp())).status).toBe(200)
  })

  it(`checks at most ${LOCKOUT_FAILURES} of 9 concurrent wrong passwords from one address`, async () => {
    const target = `raced-${randomBytes(4).toString('hex')}@example.com`
    await createUser({ email: target, name: 'Target', role: 'viewer', teamIds: [], password: PASSWORD })
    const ip = randomIp()
    const statuses = await Promise.all(Array.from({ length: 9 }, (_, i) => signIn(target, `concurrent guess ${i}`, ip).then((r) => r.status)))
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOCKOUT_FAILURES)
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true)
    expect((await signIn(target, PASSWORD, ip)).status).toBe(429)
  })

  it('a right password clears the count of its address', async () => {
    const target = `cleared-${randomBytes(4).toString('hex')}@example.com`
    await createUser({ email: target, name: 'Target', role: 'viewer', teamIds: [], password: PASSWORD })
    const ip = randomIp()
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) expect((await signIn(target, `guess ${i}`, ip)).status).toBe(401)
    expect((await signIn(target, PASSWORD, ip)).status).toBe(200)
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) expect((await signIn(target, `guess again ${i}`, ip)).status).toBe(401)
    expect((await signIn(target, PASSWORD, ip)).status).toBe(200)
  })

  it(`limits one address to ${SIGN_IN_ATTEMPTS_PER_MINUTE} sign-in attempts a minute (429 with Retry-After)`, async () => {
    const ip = randomIp()
    const statuses: number[] = []
    for (let i = 0; i <= SIGN_IN_ATTEMPTS_PER_MINUTE; i++) statuses.push((await signIn(`nobody-${i}@example.com`, 'whatever pw', ip)).status)
    expect(statuses.slice(0, SIGN_IN_ATTEMPTS_PER_MINUTE).every((s) => s === 401)).toBe(true)
    const last = await signIn(email, PASSWORD, ip)
    expect(last.status).toBe(429)
    expect(Number(last.headers.get('x-retry-after') ?? last.headers.get('retry-after'))).toBeGreaterThan(0)
    // another address is unaffected
    expect((await signIn(email, PASSWORD, randomIp())).status).toBe(200)
  })
})
