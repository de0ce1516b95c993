import { randomBytes } from 'node:crypto'
import { defineConfig, devices } from '@playwright/test'
import { chromiumArgs, chromiumPath } from './e2e/support/chromium'

// The servers and the global setup (which seals a GitHub connection's secret) share one key.
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')

const PORT = Number(process.env.E2E_PORT ?? 3100)
// A second server whose database is unreachable, for the 503 contract.
const NO_DB_PORT = PORT + 1
const serverEnv = { NEXT_TELEMETRY_DISABLED: '1', LOG_LEVEL: 'warn', PLIMSOLL_SECRET_KEY: process.env.PLIMSOLL_SECRET_KEY }
// A local OpenID Connect provider (e2e/support/oidc-provider.ts) the main server signs people in with.
const OIDC_PORT = PORT + 9
const oidc = { OIDC_ISSUER: `http://127.0.0.1:${OIDC_PORT}`, OIDC_CLIENT_ID: 'plimsoll-e2e', OIDC_CLIENT_SECRET: 'plimsoll-e2e-secret', OIDC_NAME: 'Test SSO' }
// Browsers are signed in as an admin unless a spec says otherwise (e2e/global-setup.ts signs the test
// people in); API specs send tokens, or say which person they are.
const AUTH_STATE_DIR = `e2e/.auth/${PORT}` // per server, so parallel runs on other ports do not overwrite it

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  // axe and chart pages under a loaded 2-core machine take tens of seconds; a hang still fails
  timeout: 60_000,
  retries: 0,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results',
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: 'retain-on-failure' },
  projects: [
    { name: 'api', testMatch: /api\/.*\.spec\.ts/ },
    {
      name: 'ui',
      testMatch: /ui\/.*\.spec\.ts/,
      use: { ...devices['Desktop Chrome'], storageState: `${AUTH_STATE_DIR}/admin.json`, launchOptions: { executablePath: chromiumPath, args: chromiumArgs } },
    },
  ],
  webServer: [
    {
      command: `node_modules/.bin/tsx e2e/support/oidc-provider.ts`,
      url: `${oidc.OIDC_ISSUER}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { OIDC_PORT: String(OIDC_PORT), OIDC_APP_URL: `http://127.0.0.1:${PORT}`, OIDC_CLIENT_ID: oidc.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: oidc.OIDC_CLIENT_SECRET },
    },
    {
      command: `node_modules/.bin/tsx scripts/web-server.ts -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...serverEnv, ...oidc, PLIMSOLL_PUBLIC_URL: `http://127.0.0.1:${PORT}`, DATABASE_URL: process.env.DATABASE_URL ?? '' },
    },
    {
      command: `node_modules/.bin/tsx scripts/web-server.ts -p ${NO_DB_PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${NO_DB_PORT}/docs/api`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...serverEnv, DATABASE_URL: 'postgresql://postgres@127.0.0.1:9/unreachable' },
    },
  ],
})
