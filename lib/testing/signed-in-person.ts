import { randomBytes } from 'node:crypto'
import { createUser } from '@/lib/auth/users'
import type { Role } from '@/lib/queries/auth/users'

// A person of their own, signed in through Better Auth's real handler: the cookie opens the API as them.
export type SignedInPerson = { userId: string; email: string; cookie: string }

const PASSWORD = 'correct horse battery'

export async function signedInPerson(role: Role, teamIds: number[] = []): Promise<SignedInPerson> {
  const { POST } = await import('@/app/api/auth/[...all]/route')
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`
  const userId = await createUser({ email, name: `A ${role}`, role, teamIds, password: PASSWORD })
  // an address of its own, so the per-address sign-in limit never trips across tests
  const ip = `10.${[...randomBytes(3)].join('.')}`
  const res = await POST(new Request('http://localhost/api/auth/sign-in/email', {
    method: 'POST', body: JSON.stringify({ email, password: PASSWORD }),
    headers: { 'content-type': 'application/json', origin: 'http://localhost', 'x-forwarded-for': ip },
  }))
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}`)
  return { userId, email, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') }
}

// A same-origin JSON request as a browser's fetch sends it (Origin set: the CSRF check passes), from
// 192.0.2.7 (behind one proxy) with a browser's user agent, which audit events record.
export function jsonRequest(method: string, path: string, cookie: string | null, body?: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { origin: 'http://localhost', 'x-forwarded-for': '192.0.2.7', 'user-agent': 'vitest-browser', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), ...headers },
  })
}
