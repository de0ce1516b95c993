import { randomBytes } from 'node:crypto'
import { withClient } from '@/lib/db'
import { sealSecret, secretKeyFrom } from '@/lib/crypto/secret-box'
import { insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { seedTeamWithToken, uniqueSlug } from '@/lib/testing/seed-team'
import { signInTestPeople } from './support/people'

// Runs once before the suites: refuse a non-local database (tests write to it), then create two
// teams with tokens and the test people (admin, a maintainer of team a, a viewer), signed in; workers
// inherit them through the environment and e2e/.auth/<role>.json.
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
  // a GitHub connection of team a (its secret sealed under the servers' PLIMSOLL_SECRET_KEY), with a repository
  const secret = randomBytes(16).toString('hex')
  await withClient(url, async (client) => {
    const connectionId = await insertGithubConnection(client, { teamId: a.teamId, name: uniqueSlug('e2e-github'), webhookSecretEnc: sealSecret(secret, secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)) })
    const service = uniqueSlug('e2e-gh')
    const { rows } = await client.query<{ id: number }>('INSERT INTO service (team_id, slug, name) VALUES ($1, $2, $2) RETURNING id', [a.teamId, service])
    await mapGithubRepository(client, { connectionId, fullName: 'Codertocat/Hello-World', serviceId: rows[0]!.id })
  })
  process.env.E2E_GITHUB_SECRET = secret
  await signInTestPeople({ teamA: a.teamId })
}
