import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { rewriteForwardedHeaders } from '@/lib/http/forwarded-headers'

const { createUser } = await import('@/lib/auth/users')
const authRoute = await import('@/app/api/auth/[...all]/route')

// Sign-in at whatever address the person opened, with PLIMSOLL_PUBLIC_URL unset (the test environment's
// default): the request as scripts/web-server.ts passes it on (X-Forwarded-Host/-Proto rewritten) to
// Better Auth's real handler. A browser that already holds a cookie (the demo viewer's) gets the CSRF
// origin check, which is what refused every sign-in with INVALID_ORIGIN before.
const PASSWORD = 'correct horse battery'
function signIn(email: string, host: string, origin: string) {
  const headers: Record<string, string> = {
    host, origin, 'content-type': 'application/json', cookie: 'plimsoll.session_token=stale',
    'x-forwarded-for': `10.7.${randomBytes(1)[0]}.${randomBytes(1)[0]}`,
  }
  rewriteForwardedHeaders(headers, 0)
  // Next.js builds the URL from the address it listens on, not the one the browser used
  return authRoute.POST(new Request('http://0.0.0.0:3000/api/auth/sign-in/email', { method: 'POST', headers, body: JSON.stringify({ email, password: PASSWORD }) }))
}

let email: string
beforeAll(async () => {
  email = `address-${randomBytes(4).toString('hex')}@example.com`
  await createUser({ email, name: 'Anywhere', role: 'viewer', teamIds: [], password: PASSWORD })
})

describe('sign-in without PLIMSOLL_PUBLIC_URL', () => {
  it.each(['localhost:3611', '127.0.0.1:3611', '192.168.1.20:3611'])('works at http://%s with a plain (not Secure) session cookie', async (host) => {
    const res = await signIn(email, host, `http://${host}`)
    expect(res.status).toBe(200)
    const cookie = res.headers.getSetCookie().find((c) => c.includes('session_token='))!
    expect(cookie).toMatch(/^plimsoll\.session_token=/)
    expect(cookie).not.toMatch(/;\s*Secure/i)
  })

  it('refuses a foreign Origin (CSRF) and an Origin of another scheme', async () => {
    expect((await signIn(email, 'localhost:3611', 'http://evil.example')).status).toBe(403)
    expect((await signIn(email, 'localhost:3611', 'https://localhost:3611')).status).toBe(403)
  })
})
