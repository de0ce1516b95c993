import { createHash } from 'node:crypto'
import { z } from 'zod'
import { parseEnv } from '@/lib/env'

// Sign-in settings. Each optional provider is on only when all of its settings are present.
export const authEnvSchema = z.object({
  // The address people open (https://plimsoll.example.com); OAuth callbacks and secure cookies follow it.
  PLIMSOLL_PUBLIC_URL: z.url().optional(),
  // Signs session cookies; when unset it is derived from PLIMSOLL_SECRET_KEY (one secret to keep).
  PLIMSOLL_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)').optional(),
  PLIMSOLL_SECRET_KEY: z.string().optional(),
  GITHUB_OAUTH_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_OAUTH_CLIENT_SECRET: z.string().min(1).optional(),
  // Any OpenID Connect provider (Okta, Entra ID, Keycloak, Google...): its issuer URL and a client.
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default('Single sign-on'),
  // Role given to people who first sign in through OIDC (the company's identity provider vouches for them).
  OIDC_DEFAULT_ROLE: z.enum(['viewer', 'maintainer']).default('viewer'),
  // "team": viewers and maintainers read only their teams' data; "org" (default): everyone reads everything.
  PLIMSOLL_READ_SCOPE: z.enum(['org', 'team']).default('org'),
  // Demo installs (npm start with the embedded database) sign visitors in as a read-only demo viewer.
  PLIMSOLL_DEMO_SIGN_IN: z.enum(['0', '1']).default('0'),
  // Header a trusted reverse proxy sets to the client address (rate limits per address use it).
  PLIMSOLL_CLIENT_IP_HEADER: z.string().min(1).default('x-forwarded-for'),
  // Reverse proxies in front of the web server that append to X-Forwarded-For (0: clients connect
  // directly). The web server rewrites the header to the one address it can vouch for (lib/http/client-address.ts).
  PLIMSOLL_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  // Per-token and per-address request limits on ingest (lib/http/request-limits.ts). "off" only for
  // benchmarks that measure the ingest path itself, which say so with PLIMSOLL_BENCH=1 (below).
  PLIMSOLL_RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  PLIMSOLL_BENCH: z.enum(['0', '1']).default('0'),
}).refine((e) => e.PLIMSOLL_RATE_LIMITS === 'on' || e.PLIMSOLL_BENCH === '1', {
  // an install copied from a benchmark's settings would take unlimited ingest from any token: the web
  // server (npm start, Docker) refuses to start instead
  path: ['PLIMSOLL_RATE_LIMITS'],
  message: '"off" is for benchmarks only and needs PLIMSOLL_BENCH=1 beside it; remove it from a real install',
})

export type AuthEnv = z.infer<typeof authEnvSchema>

let cached: AuthEnv | undefined
export function authEnv(): AuthEnv {
  cached ??= parseEnv(authEnvSchema)
  return cached
}

export function authSecret(e: AuthEnv = authEnv()): string {
  if (e.PLIMSOLL_AUTH_SECRET) return e.PLIMSOLL_AUTH_SECRET
  if (!e.PLIMSOLL_SECRET_KEY) {
    throw new Error('Sign-in needs PLIMSOLL_AUTH_SECRET or PLIMSOLL_SECRET_KEY (openssl rand -base64 32)')
  }
  // A separate value per purpose, so a leaked cookie key says nothing about the sealing key.
  return createHash('sha256').update(`plimsoll-auth:${e.PLIMSOLL_SECRET_KEY}`).digest('base64url')
}
