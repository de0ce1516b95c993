import type pg from 'pg'
import { withClient } from '@/lib/db'
import { databaseUrlOrEmbedded } from '@/lib/env'

// A command's database connection: DATABASE_URL, else the embedded database of a running `npm start`.
export async function withCliDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = databaseUrlOrEmbedded()
  process.env.DATABASE_URL ??= url
  return withClient(url, fn)
}

// Runs a command's main: an unexpected error is its message on stderr and exit code 1.
export function runCli(main: () => Promise<unknown>): void {
  main().catch((err) => {
    console.error(err.message ?? err)
    process.exit(1)
  })
}
