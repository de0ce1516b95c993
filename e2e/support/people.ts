import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { request } from '@playwright/test'
import type { Role } from '@/lib/queries/auth/users'

export type Person = 'admin' | 'maintainer' | 'viewer'
export const PEOPLE: Person[] = ['admin', 'maintainer', 'viewer']
export const AUTH_STATE_DIR = `e2e/.auth/${Number(process.env.E2E_PORT ?? 3100)}`
export const personEmail = (p: Person) => process.env[`E2E_${p.toUpperCase()}_EMAIL`]!
export const personPassword = () => process.env.E2E_PASSWORD!
export const stateOf = (p: Person) => `${AUTH_STATE_DIR}/${p}.json`

// One person per role, made through the app's own user code, then signed in through the running
// server so each role's browser state (session cookie) is ready for the specs.
export async function signInTestPeople(teams: { teamA: number }) {
  const baseURL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100)}`
  const password = `pw-${randomBytes(8).toString('hex')}`
  process.env.E2E_PASSWORD = password
  const { createUser } = await import('@/lib/auth/users')
  mkdirSync(AUTH_STATE_DIR, { recursive: true })
  for (const person of PEOPLE) {
    const email = `e2e-${person}-${randomBytes(3).toString('hex')}@example.com`
    process.env[`E2E_${person.toUpperCase()}_EMAIL`] = email
    const role: Role = person
    await createUser({ email, name: `E2E ${person}`, role, teamIds: person === 'maintainer' ? [teams.teamA] : [], password })
    const ctx = await request.newContext({ baseURL })
    const res = await ctx.post('/api/auth/sign-in/email', { data: { email, password }, headers: { origin: baseURL } })
    if (!res.ok()) throw new Error(`could not sign in the e2e ${person}: ${res.status()} ${await res.text()}`)
    await ctx.storageState({ path: stateOf(person) })
    await ctx.dispose()
  }
}
