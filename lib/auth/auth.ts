import { betterAuth, type BetterAuthOptions } from 'better-auth'
import { genericOAuth } from 'better-auth/plugins'
import { pool } from '@/lib/db'
import { authEnv, authSecret, type AuthEnv } from '@/lib/auth/auth-env'
import { signInLockout } from '@/lib/auth/sign-in-lockout'
import { demoSignIn } from '@/lib/auth/demo-sign-in'
import { allowedOrigins } from '@/lib/http/request-origin'

export const OIDC_PROVIDER_ID = 'oidc'
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 10

// Each optional sign-in method is on only when all of its settings are present.
const githubConfigured = (e: AuthEnv) => Boolean(e.GITHUB_OAUTH_CLIENT_ID && e.GITHUB_OAUTH_CLIENT_SECRET)
const oidcConfigured = (e: AuthEnv) => Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID)

// Better Auth owns sessions, password hashing and the OAuth/OIDC flows; Plimsoll adds roles, team
// membership and the permission checks (lib/auth/access.ts). Tables are Plimsoll's snake_case ones.
export function authOptions(e: AuthEnv = authEnv()) {
  const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' }
  return {
    appName: 'Plimsoll',
    basePath: '/api/auth',
    // Unset: each request's own address (web-server.ts vouches for X-Forwarded-Host/-Proto), so sign-in
    // works at localhost, 127.0.0.1 or a LAN name alike and OAuth callbacks return to where the person is.
    baseURL: e.PLIMSOLL_PUBLIC_URL,
    // CSRF: a change is accepted from the public URL alone, or without one from the address it was sent to
    trustedOrigins: (request) => (request ? allowedOrigins(request, e.PLIMSOLL_PUBLIC_URL) : []),
    secret: authSecret(e),
    database: pool(),
    telemetry: { enabled: false },
    logger: { level: 'error' },
    user: {
      modelName: 'auth_user',
      fields: { emailVerified: 'email_verified', ...timestamps },
      additionalFields: { role: { type: 'string', input: false, required: false, defaultValue: 'viewer' } },
    },
    session: {
      modelName: 'auth_session',
      fields: { userId: 'user_id', expiresAt: 'expires_at', ipAddress: 'ip_address', userAgent: 'user_agent', ...timestamps },
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
    },
    account: {
      modelName: 'auth_account',
      fields: {
        accountId: 'account_id', providerId: 'provider_id', userId: 'user_id', accessToken: 'access_token',
        refreshToken: 'refresh_token', idToken: 'id_token', accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at', ...timestamps,
      },
      // OAuth access and refresh tokens are sealed with the auth secret before they are stored.
      encryptOAuthTokens: true,
      accountLinking: { enabled: true, trustedProviders: ['github', OIDC_PROVIDER_ID] },
    },
    verification: { modelName: 'auth_verification', fields: { expiresAt: 'expires_at', ...timestamps } },
    // Accounts are made by an admin (or the first-admin link); nobody signs themselves up with a password.
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 10, maxPasswordLength: 256 },
    socialProviders: githubConfigured(e)
      // GitHub is open to anyone on the internet: only people an admin added (by email) may sign in with it.
      ? { github: { clientId: e.GITHUB_OAUTH_CLIENT_ID!, clientSecret: e.GITHUB_OAUTH_CLIENT_SECRET!, disableImplicitSignUp: true } }
      : {},
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'auth_rate_limit',
      fields: { lastRequest: 'last_request' },
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        '/sign-in/social': { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
        '/sign-in/oauth2': { window: 60, max: SIGN_IN_ATTEMPTS_PER_MINUTE },
      },
    },
    advanced: {
      cookiePrefix: 'plimsoll',
      trustedProxyHeaders: !e.PLIMSOLL_PUBLIC_URL,
      // Better Auth skips its origin check under NODE_ENV=test; the tests check the CSRF defence people get
      disableOriginCheck: false,
      // Secure (__Secure-) cookies need https: browsers drop them on plain http at any host but localhost
      useSecureCookies: secureCookies(e),
      ipAddress: { ipAddressHeaders: [e.PLIMSOLL_CLIENT_IP_HEADER] },
    },
    hooks: signInLockout,
    databaseHooks: {
      user: {
        create: {
          // Whoever the OIDC provider creates starts with the configured role, never admin.
          before: async (user, ctx) => ({ data: { ...user, role: ctx?.path?.startsWith('/callback/') || ctx?.path?.startsWith('/oauth2/callback') ? e.OIDC_DEFAULT_ROLE : (user.role ?? 'viewer') } }),
        },
      },
    },
    plugins: [
      ...(oidcConfigured(e)
        ? [genericOAuth({
            config: [{
              providerId: OIDC_PROVIDER_ID,
              name: e.OIDC_NAME,
              discoveryUrl: `${e.OIDC_ISSUER!.replace(/\/$/, '')}/.well-known/openid-configuration`,
              clientId: e.OIDC_CLIENT_ID!,
              clientSecret: e.OIDC_CLIENT_SECRET,
              scopes: ['openid', 'email', 'profile'],
              pkce: true,
            }],
          })]
        : []),
      ...(e.PLIMSOLL_DEMO_SIGN_IN === '1' ? [demoSignIn()] : []),
    ],
  } satisfies BetterAuthOptions
}

type Auth = ReturnType<typeof betterAuth<ReturnType<typeof authOptions>>>
const globalForAuth = globalThis as unknown as { plimsollAuth?: Auth }

export function auth(): Auth {
  globalForAuth.plimsollAuth ??= betterAuth(authOptions())
  return globalForAuth.plimsollAuth
}

export function secureCookies(e: AuthEnv): boolean {
  return e.PLIMSOLL_PUBLIC_URL?.startsWith('https://') ?? false
}

export function signInMethods(e: AuthEnv = authEnv()) {
  return {
    password: true,
    github: githubConfigured(e),
    oidc: oidcConfigured(e) ? { name: e.OIDC_NAME } : null,
    demo: e.PLIMSOLL_DEMO_SIGN_IN === '1',
  }
}
