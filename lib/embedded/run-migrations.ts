import { execFile } from 'node:child_process'
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
