import { randomBytes } from 'node:crypto'
import { withClient } from '@/lib/db'
import { startEmbeddedPostgres } from '@/lib/embedded/embedded-postgres'
import { runMigrations } from '@/lib/embedded/run-migrations'

export type TestDatabase = { url: string; drop: () => Promise<void> }

// A fresh, migrated database of its own: on the server at `adminUrl` (a real PostgreSQL), or, with
// no server, an in-memory embedded one (PGlite has a single database per instance).
export async function createTestDatabase(adminUrl = process.env.TEST_PG_ADMIN_URL, label = 'it'): Promise<TestDatabase> {
  const db = adminUrl ? await createOnServer(adminUrl, label) : await createEmbedded()
  await runMigrations(db.url)
  return db
}

async function createOnServer(adminUrl: string, label: string): Promise<TestDatabase> {
  const name = `plimsoll_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  }
}

async function createEmbedded(): Promise<TestDatabase> {
  const embedded = await startEmbeddedPostgres({ dataDir: 'memory', port: 0 })
  return { url: embedded.url, drop: embedded.stop }
}
