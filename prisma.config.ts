import { defineConfig } from 'prisma/config'
import { MigratePg, ensureDatabase, unrefLongTimers } from './prisma/cli-adapter'

// Prisma 6.19 with the WebAssembly ("js") schema engine: no native binary is downloaded, so migrations
// work offline. A prisma.config.ts turns off the CLI's .env loading, so load it here; real env wins.
try {
  process.loadEnvFile('.env')
} catch {
  // no .env file: use the environment as it is
}
// The schema's `url = env("DATABASE_URL")` must resolve or the CLI falls back to the native engine
// and tries to download it; `prisma generate` needs no database, so any URL will do for it.
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/plimsoll'
const url = process.env.DATABASE_URL
unrefLongTimers()

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => {
    await ensureDatabase(url)
    return new MigratePg(url)
  },
})
