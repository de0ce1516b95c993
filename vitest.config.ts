import path from 'node:path'
import { defineConfig } from 'vitest/config'

// unit: pure code, no database. integration: real PostgreSQL (DATABASE_URL's server, else embedded).
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    env: { LOG_LEVEL: 'silent', PLIMSOLL_AUTH_SECRET: 'vitest-only-auth-secret-0123456789abcdef' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'lint/**/*.test.ts'],
          exclude: ['**/*.integration.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['lib/**/*.integration.test.ts', 'scripts/**/*.integration.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
})
