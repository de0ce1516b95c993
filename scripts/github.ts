// npm run github -- connect --team <slug> --name <name> [--org <login>] [--secret <s>] [--token <t> | GITHUB_TOKEN]
//                   [--app-id <id> --installation-id <id> --private-key-file <pem>] [--incident-label incident] [--base-url <GHES API URL>]
//                 | map <owner/repo> --connection <name> --service <slug> [--deploy-workflow <name or path>] [--path <prefix>]...
//                 | deliveries [--state pending|processed|ignored|failed]
//                 | replay <delivery id>
//                 | backfill <owner/repo | org> --connection <name> [--days 90] (the connection's credentials, or --token / GITHUB_TOKEN)
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { fail } from './cli-fail'
import { runCli, withCliDatabase } from './cli-database'
import { commandKeyring } from './cli-secret-key'
import { sealSecret } from '@/lib/crypto/secret-box'
import { findTeamBySlug } from '@/lib/queries/create-api-token'
import { getGithubConnection, insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { listDeliveries, resetDelivery } from '@/lib/queries/webhook-deliveries'

const usage = `usage: npm run github -- connect --team <slug> --name <name> [--org <login>] [--secret <s>] [--incident-label incident] [--base-url <url>]
                 [--token <t>] | [--app-id <id> --installation-id <id> --private-key-file <pem>]
       npm run github -- map <owner/repo> --connection <name> --service <slug> [--deploy-workflow <name>] [--path <prefix> ...]
       npm run github -- deliveries [--state failed]
       npm run github -- replay <delivery id>
       npm run github -- backfill <owner/repo | org> --connection <name> [--days 90] [--token <t>] (else the connection's credentials)`

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      team: { type: 'string' }, name: { type: 'string' }, secret: { type: 'string' }, 'incident-label': { type: 'string' },
      'base-url': { type: 'string' }, connection: { type: 'string' }, service: { type: 'string' }, 'deploy-workflow': { type: 'string' },
      state: { type: 'string', default: 'failed' },
      days: { type: 'string', default: '90' }, token: { type: 'string' },
      'app-id': { type: 'string' }, 'installation-id': { type: 'string' }, 'private-key-file': { type: 'string' },
      path: { type: 'string', multiple: true }, org: { type: 'string' },
    },
  })
  const [command, arg] = positionals
  await withCliDatabase(async (client) => {
    // every command that seals or opens a stored secret uses the server's key (cli-secret-key.ts)
    const key = await commandKeyring(client)
    if (command === 'connect') {
      if (!values.team || !values.name) return fail(`--team and --name are required\n${usage}`)
      const team = await findTeamBySlug(client, values.team)
      if (!team) return fail(`no team "${values.team}"`)
      if (values.org && !/^[a-z0-9](?:[a-z0-9-]{0,38})$/i.test(values.org)) return fail(`--org: "${values.org}" is not a GitHub organisation login`)
      const secret = values.secret ?? randomBytes(24).toString('base64url')
      const app = appCredentials(values)
      if (typeof app === 'string') return fail(`${app}\n${usage}`)
      const apiToken = app ? undefined : values.token ?? process.env.GITHUB_TOKEN
      const id = await insertGithubConnection(client, {
        teamId: team.id, name: values.name, webhookSecretEnc: sealSecret(secret, key),
        apiTokenEnc: apiToken ? sealSecret(apiToken, key) : undefined,
        app: app ? { appId: app.appId, installationId: app.installationId, privateKeyEnc: sealSecret(app.privateKey, key) } : undefined,
        incidentLabel: values['incident-label'], baseUrl: values['base-url'], organisation: values.org,
      })
      const credentials = app ? ` (GitHub App ${app.appId}, installation ${app.installationId}: reconciled hourly)` : apiToken ? ' (with an API token: reconciled hourly)' : ''
      const where = values.org ? `the organisation ${values.org}'s Settings -> Webhooks (every repository becomes a service of its name on its first event)` : 'Settings -> Webhooks'
      console.error(`connection ${id} "${values.name}" for team ${team.slug}${credentials}. On GitHub: ${where} -> payload URL`)
      console.error(`https://<this server>/api/webhooks/github, content type application/json, and this secret${values.secret ? '' : ' (shown once)'}:`)
      console.log(secret)
    } else if (command === 'map' && arg) {
      if (!values.connection || !values.service) return fail(`--connection and --service are required\n${usage}`)
      const c = await getGithubConnection({ name: values.connection }, client)
      if (!c) return fail(`no connection "${values.connection}"`)
      const s = await findOrCreateService(client, c.teamId, { slug: values.service, repositoryUrl: `https://github.com/${arg}` })
      if (s.teamId !== c.teamId) return fail(`service "${values.service}" belongs to another team than the connection`)
      await mapGithubRepository(client, { connectionId: c.id, fullName: arg, serviceId: s.id, deployWorkflow: values['deploy-workflow'], pathPrefixes: values.path })
      const paths = values.path?.length ? ` for commits under ${values.path.join(', ')}` : ''
      console.log(`${arg} -> service ${values.service}${paths}${values['deploy-workflow'] ? `, deployed by workflow "${values['deploy-workflow']}"` : ''}`)
    } else if (command === 'deliveries') {
      console.table(await listDeliveries({ state: values.state!, limit: 200 }, client))
    } else if (command === 'replay' && arg) {
      if (!(await resetDelivery(arg, client))) return fail(`no delivery "${arg}"`)
      const { processDelivery } = await import('@/lib/github/process-delivery')
      console.log(await processDelivery(arg))
    } else if (command === 'backfill' && arg) {
      if (!values.connection) return fail(`--connection is required\n${usage}`)
      const c = await getGithubConnection({ name: values.connection }, client)
      if (!c) return fail(`no connection "${values.connection}"`)
      const { backfillRepository } = await import('@/lib/github/backfill')
      const { githubClient } = await import('@/lib/github/github-client')
      const { connectionClient } = await import('@/lib/github/connection-client')
      const token = values.token ?? process.env.GITHUB_TOKEN
      const github = token ? githubClient({ token, baseUrl: c.baseUrl }) : (await connectionClient(c.id))?.github
      if (!github) return fail(`connection "${values.connection}" has no API credentials: pass --token (or GITHUB_TOKEN)\n${usage}`)
      // an argument without a slash is the connection's organisation: every repository of it
      let repositories = [arg]
      if (!arg.includes('/')) {
        if (arg.toLowerCase() !== c.organisation) return fail(`"${arg}" is not the organisation of connection "${values.connection}"\n${usage}`)
        const { mapOrganisationRepositories } = await import('@/lib/github/organisation-repository')
        repositories = await mapOrganisationRepositories(github, c)
        console.error(`${arg}: ${repositories.length} repositories`)
      }
      for (const [i, fullName] of repositories.entries()) {
        const started = Date.now()
        // an organisation's repositories are imported one after another: each bar says which one of how many
        const which = repositories.length > 1 ? `${fullName} (${i + 1}/${repositories.length}) ` : ''
        const result = await backfillRepository({ github, connectionId: c.id, fullName, days: Number(values.days), onProgress: (p) => { process.stderr.write(`\r${which}${progressLine(p, started)}   `) } })
        process.stderr.write('\n')
        console.log(`${fullName}: ${result.done - result.skipped} imported (${result.created} new), ${result.skipped} skipped (already imported or not deployments)`)
      }
    } else {
      fail(usage)
    }
  })
}

// [#########.....................] 12/40 items, 3.1/s, API quota left 4890
function progressLine(p: { done: number; total: number; rateRemaining: number | null }, started: number): string {
  const width = 30
  const filled = p.total ? Math.round((p.done / p.total) * width) : width
  const rate = p.done / Math.max(1, (Date.now() - started) / 1000)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} items, ${rate.toFixed(1)}/s, API quota left ${p.rateRemaining ?? '?'}`
}

// --app-id, --installation-id and --private-key-file together (a GitHub App installation), or none.
function appCredentials(v: { 'app-id'?: string; 'installation-id'?: string; 'private-key-file'?: string }) {
  const given = [v['app-id'], v['installation-id'], v['private-key-file']].filter(Boolean).length
  if (given === 0) return null
  const [appId, installationId] = [Number(v['app-id']), Number(v['installation-id'])]
  if (given < 3 || !Number.isInteger(appId) || !Number.isInteger(installationId)) return '--app-id, --installation-id (numbers) and --private-key-file go together'
  return { appId, installationId, privateKey: readFileSync(v['private-key-file']!, 'utf8') }
}

runCli(() => main().then(() => import('@/lib/db').then(({ pool }) => pool().end())))
