import type pg from 'pg'
import { withClient } from '@/lib/db'
import { databaseUrlOrEmbedded } from '@/lib/env'
import { pendingMigrations, runMigrations } from '@/lib/embedded/run-migrations'

// A command's database connection: DATABASE_URL, else the embedded database of a running `npm start`.
// A database no start has touched yet is migrated first, as `npm start` would.
export async function withCliDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const embedded = !process.env.DATABASE_URL
  const url = databaseUrlOrEmbedded()
  process.env.DATABASE_URL ??= url
  try {
    const pending = await withClient(url, (c) => pendingMigrations(c))
    if (pending.length) {
      console.error(`[plimsoll] applying ${pending.length} migration(s) to the database first`)
      await runMigrations(url)
    }
  } catch (err) {
    const refused = /ECONNREFUSED/.test((err as Error).message ?? '')
    if (!embedded || !refused) throw err
    throw new Error(`No database at ${url}: without DATABASE_URL a command uses the embedded database of a running \`npm start\`. `
      + 'Start it first (npm start, in another terminal), or set DATABASE_URL=postgresql://...')
  }
  return withClient(url, fn)
}

// Runs a command's main: an unexpected error is its message on stderr and exit code 1.
export function runCli(main: () => Promise<unknown>): void {
  main().catch((err) => {
    console.error(err.message ?? err)
    process.exit(1)
  })
}
