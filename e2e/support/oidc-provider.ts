// A small OpenID Connect provider for the sign-in tests (node-oidc-provider with its development
// login form: any login name signs in as <name>@example.com). Started by playwright.config.ts.
import Provider from 'oidc-provider'

const port = Number(process.env.OIDC_PORT ?? 3109)
const issuer = `http://127.0.0.1:${port}`
const appUrl = process.env.OIDC_APP_URL ?? 'http://127.0.0.1:3100'

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID ?? 'plimsoll-e2e',
    client_secret: process.env.OIDC_CLIENT_SECRET ?? 'plimsoll-e2e-secret',
    redirect_uris: [`${appUrl}/api/auth/callback/oidc`, `${appUrl}/api/auth/oauth2/callback/oidc`],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: `${id}@example.com`, email_verified: true, name: `SSO ${id}` }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['plimsoll-e2e-oidc-cookie-key'] },
})

// plain http on 127.0.0.1: tell the provider it is not behind TLS on purpose
provider.proxy = false
provider.listen(port, '127.0.0.1', () => console.log(`[oidc] ${issuer} ready`))
