import { seedTeamWithToken } from '@/lib/testing/seed-team'

// Runs once before the suites: refuse a non-local database (tests write to it), then create two
// teams with tokens; workers inherit them through the environment.
export default async function globalSetup() {
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: run the suite with `npm test`, which prepares a database.')
  const host = new URL(url).hostname
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    throw new Error(`Refusing to run end-to-end tests against a non-local database (${host}).`)
  }
  const a = await seedTeamWithToken(url, 'e2e-a')
  const b = await seedTeamWithToken(url, 'e2e-b')
  process.env.E2E_TEAM = a.team
  process.env.E2E_TOKEN = a.token
  process.env.E2E_OTHER_TEAM = b.team
  process.env.E2E_OTHER_TOKEN = b.token
}
