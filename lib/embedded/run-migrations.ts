import { execFile } from 'node:child_process'
import { readdirSync } from 'node:fs'
import type pg from 'pg'
import { promisify } from 'node:util'
import path from 'node:path'

const run = promisify(execFile)

// `prisma migrate deploy` with the project's WASM-engine config (prisma.config.ts).
export async function runMigrations(databaseUrl: string, cwd = process.cwd()): Promise<string> {
  const bin = path.join(cwd, 'node_modules', '.bin', 'prisma')
  const { stdout } = await run(bin, ['migrate', 'deploy'], {
    cwd,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1' },
    maxBuffer: 16 * 1024 * 1024,
  })
  return stdout
}

// Migrations in prisma/migrations not yet applied to the database (all of them on a database nothing
// has touched), so a command can bring a fresh database up to date before using it.
export async function pendingMigrations(client: pg.ClientBase, cwd = process.cwd()): Promise<string[]> {
  const dir = path.join(cwd, 'prisma', 'migrations')
  const all = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
  const { rows: [table] } = await client.query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`)
  if (!table?.exists) return all
  const { rows } = await client.query<{ name: string }>('SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
  const applied = new Set(rows.map((r) => r.name))
  return all.filter((name) => !applied.has(name))
}
