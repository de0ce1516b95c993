// npm run github -- connect --team <slug> --name <name> [--secret <s>] [--token <t> | GITHUB_TOKEN] [--incident-label incident] [--base-url <GHES API URL>]
//                 | map <owner/repo> --connection <name> --service <slug> [--deploy-workflow <name or path>]
//                 | deliveries [--state pending|processed|ignored|failed]
//                 | replay <delivery id>
//                 | backfill <owner/repo> --connection <name> [--days 90] (token: --token or GITHUB_TOKEN)
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { fail } from './cli-fail'
import pg from 'pg'
import { databaseUrlOrEmbedded } from '@/lib/env'
import { sealSecret, secretKeyFrom } from '@/lib/crypto/secret-box'
import { findTeamBySlug } from '@/lib/queries/create-api-token'
import { getGithubConnection, insertGithubConnection, mapGithubRepository } from '@/lib/queries/github-connections'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { listDeliveries, resetDelivery } from '@/lib/queries/webhook-deliveries'

const usage = `usage: npm run github -- connect --team <slug> --name <name> [--secret <s>] [--token <t>] [--incident-label incident] [--base-url <url>]
       npm run github -- map <owner/repo> --connection <name> --service <slug> [--deploy-workflow <name>]
       npm run github -- deliveries [--state failed]
       npm run github -- replay <delivery id>
       npm run github -- backfill <owner/repo> --connection <name> [--days 90] [--token <t>] (else GITHUB_TOKEN)`

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      team: { type: 'string' }, name: { type: 'string' }, secret: { type: 'string' }, 'incident-label': { type: 'string' },
      'base-url': { type: 'string' }, connection: { type: 'string' }, service: { type: 'string' }, 'deploy-workflow': { type: 'string' },
      state: { type: 'string', default: 'failed' },
      days: { type: 'string', default: '90' }, token: { type: 'string' },
    },
  })
  const [command, arg] = positionals
  const url = databaseUrlOrEmbedded()
  process.env.DATABASE_URL ??= url
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    if (command === 'connect') {
      if (!values.team || !values.name) return fail(`--team and --name are required\n${usage}`)
      const team = await findTeamBySlug(client, values.team)
      if (!team) return fail(`no team "${values.team}"`)
      const secret = values.secret ?? randomBytes(24).toString('base64url')
      const key = secretKeyFrom(process.env.PLIMSOLL_SECRET_KEY)
      const apiToken = values.token ?? process.env.GITHUB_TOKEN
      const id = await insertGithubConnection(client, {
        teamId: team.id, name: values.name, webhookSecretEnc: sealSecret(secret, key),
        apiTokenEnc: apiToken ? sealSecret(apiToken, key) : undefined,
        incidentLabel: values['incident-label'], baseUrl: values['base-url'],
      })
      console.error(`connection ${id} "${values.name}" for team ${team.slug}${apiToken ? ' (with an API token: reconciled hourly)' : ''}. On GitHub: Settings -> Webhooks -> payload URL`)
      console.error(`https://<this server>/api/webhooks/github, content type application/json, and this secret${values.secret ? '' : ' (shown once)'}:`)
      console.log(secret)
    } else if (command === 'map' && arg) {
      if (!values.connection || !values.service) return fail(`--connection and --service are required\n${usage}`)
      const c = await getGithubConnection({ name: values.connection }, client)
      if (!c) return fail(`no connection "${values.connection}"`)
      const s = await findOrCreateService(client, c.teamId, { slug: values.service, repositoryUrl: `https://github.com/${arg}` })
      if (s.teamId !== c.teamId) return fail(`service "${values.service}" belongs to another team than the connection`)
      await mapGithubRepository(client, { connectionId: c.id, fullName: arg, serviceId: s.id, deployWorkflow: values['deploy-workflow'] })
      console.log(`${arg} -> service ${values.service}${values['deploy-workflow'] ? `, deployed by workflow "${values['deploy-workflow']}"` : ''}`)
    } else if (command === 'deliveries') {
      console.table(await listDeliveries({ state: values.state!, limit: 200 }, client))
    } else if (command === 'replay' && arg) {
      if (!(await resetDelivery(arg, client))) return fail(`no delivery "${arg}"`)
      const { processDelivery } = await import('@/lib/github/process-delivery')
      console.log(await processDelivery(arg))
    } else if (command === 'backfill' && arg) {
      const token = values.token ?? process.env.GITHUB_TOKEN
      if (!values.connection || !token) return fail(`--connection and a token (--token or GITHUB_TOKEN) are required\n${usage}`)
      const c = await getGithubConnection({ name: values.connection }, client)
      if (!c) return fail(`no connection "${values.connection}"`)
      const { backfillRepository } = await import('@/lib/github/backfill')
      const { githubClient } = await import('@/lib/github/github-client')
      const started = Date.now()
      const result = await backfillRepository({
        github: githubClient({ token, baseUrl: c.baseUrl }), connectionId: c.id, fullName: arg, days: Number(values.days),
        onProgress: (p) => {
          const width = 30
          const filled = p.total ? Math.round((p.done / p.total) * width) : width
          const rate = p.done / Math.max(1, (Date.now() - started) / 1000)
          process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} deployments, ${rate.toFixed(1)}/s, API quota left ${p.rateRemaining ?? '?'}   `)
        },
      })
      process.stderr.write('\n')
      console.log(`${arg}: ${result.done - result.skipped} imported, ${result.skipped} skipped (already imported or not deployments)`)
    } else {
      fail(usage)
    }
  } finally {
    await client.end()
  }
}

main().then(() => import('@/lib/db').then(({ pool }) => pool().end())).catch((err) => {
  console.error(err.message ?? err)
  process.exit(1)
})
