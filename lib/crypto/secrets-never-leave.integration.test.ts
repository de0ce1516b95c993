import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Principal } from '@/lib/auth/principal'

// No API answer carries a stored secret: every GET route under app/api is called, as an admin and as
// the team's API token, for a team whose GitHub and GitLab connections hold known secrets, and no
// answer may contain a secret, its sealed form, or a field named like a sealed column. A new route
// (or a new field) that returns one fails here.
process.env.PLIMSOLL_SECRET_KEY ||= randomBytes(32).toString('base64')
let principal: Principal | null = null
vi.mock('@/lib/auth/principal', async (original) => ({ ...(await original<object>()), resolvePrincipal: async () => principal }))

const { pool } = await import('@/lib/db')
const { sealSecret } = await import('@/lib/crypto/secret-box')
const { secretKeyring } = await import('@/lib/crypto/app-keyring')
const { insertGithubConnection } = await import('@/lib/queries/github-connections')
const { insertGitlabConnection } = await import('@/lib/queries/gitlab-connections')
const { insertChannel } = await import('@/lib/queries/notify/channels')
const { seedTeamWithToken, tokenPrincipalOf, uniqueSlug } = await import('@/lib/testing/seed-team')

const apiRoot = path.resolve(import.meta.dirname, '../../app/api')
const routeFiles: string[] = []
const walk = (dir: string) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) walk(path.join(dir, e.name))
    else if (e.name === 'route.ts') routeFiles.push(path.relative(apiRoot, path.join(dir, e.name)))
  }
}
walk(apiRoot)
// Better Auth's own endpoints serve sessions, not Plimsoll's stored secrets
const getRoutes = routeFiles.filter((f) => !f.startsWith('auth/') && /export const GET\b/.test(readFileSync(path.join(apiRoot, f), 'utf8'))).sort()

const plain = { webhook: `whsec-${uniqueSlug('p')}`, token: `ghp_${uniqueSlug('p')}`, appKey: `-----BEGIN ${uniqueSlug('KEY')}-----`, gitlab: `glpat-${uniqueSlug('p')}`, slack: `https://hooks.slack.com/services/${uniqueSlug('T')}` }
const sealed: string[] = []
let team: Awaited<ReturnType<typeof seedTeamWithToken>>
let connectionId = 0

beforeAll(async () => {
  team = await seedTeamWithToken(process.env.DATABASE_URL!, 'leak')
  const ring = secretKeyring()
  const s = (v: string) => { const x = sealSecret(v, ring); sealed.push(x); return x }
  connectionId = await insertGithubConnection(pool(), { teamId: team.teamId, name: uniqueSlug('gh'), webhookSecretEnc: s(plain.webhook), apiTokenEnc: s(plain.token) })
  await insertGithubConnection(pool(), { teamId: team.teamId, name: uniqueSlug('ghapp'), webhookSecretEnc: s(plain.webhook), app: { appId: 1, installationId: 2, privateKeyEnc: s(plain.appKey) } })
  await insertGitlabConnection(pool(), { teamId: team.teamId, name: uniqueSlug('gl'), webhookTokenEnc: s(plain.gitlab) })
  await insertChannel({ teamId: team.teamId, kind: 'slack', name: uniqueSlug('chat'), events: ['digest'], target: 'https://hooks.slack.com/…', config: {},
    secretEnc: s(JSON.stringify({ url: plain.slack })) })
})

// dynamic segments filled with this team's things, so detail routes answer about them
const paramsOf = (file: string): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const [, name] of file.matchAll(/\[([^\]]+)\]/g)) out[name!] = name === 'slug' ? team.team : name === 'metric' ? 'deploymentFrequency' : String(connectionId)
  return out
}

describe('stored secrets never leave through the API', () => {
  it('finds the GET routes', () => {
    expect(getRoutes.length).toBeGreaterThanOrEqual(10)
  })

  it.each(getRoutes.map((f) => [f]))('%s', async (file) => {
    const mod = (await import(path.join(apiRoot, file))) as { GET: (req: Request, ctx: unknown) => Promise<Response> }
    const params = paramsOf(file)
    const url = `http://localhost/api/${file.replace(/\/?route\.ts$/, '').replace(/\[([^\]]+)\]/g, (_, n: string) => params[n]!)}?team=${team.team}`
    for (const who of [{ kind: 'user', userId: 'admin', email: 'admin@example.com', name: 'Admin', role: 'admin', teamIds: [team.teamId] } as Principal, tokenPrincipalOf(team)]) {
      principal = who
      const res = await mod.GET(new Request(url, { headers: { authorization: 'Bearer x', cookie: 'x=y' } }), { params: Promise.resolve(params) })
      const body = Buffer.from(await res.arrayBuffer()).toString('latin1')
      for (const secret of [...Object.values(plain), ...sealed]) expect(body, `${who.kind}: ${res.status}`).not.toContain(secret)
      expect(body).not.toMatch(/_enc\b|Enc"\s*:|"(webhookSecret|webhookToken|apiToken|privateKey)"\s*:/)
    }
  })
})
