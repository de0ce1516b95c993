// npm run gitlab -- connect --team <slug> --name <name> [--secret-token <t>]
//                 | map <group/project> --connection <name> --service <slug> [--pipeline-deploys]
//                 | backfill <group/project> --connection <name> [--token <t> | GITLAB_TOKEN] [--base-url https://gitlab.com] [--environment production] [--days 90]
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { fail } from './cli-fail'
import { runCli, withCliDatabase } from './cli-database'
import { commandKeyring } from './cli-secret-key'
import { sealSecret } from '@/lib/crypto/secret-box'
import { findTeamBySlug } from '@/lib/queries/create-api-token'
import { findOrCreateService } from '@/lib/queries/find-or-create-service'
import { getGitlabConnection, insertGitlabConnection, mapGitlabProject } from '@/lib/queries/gitlab-connections'

const usage = `usage: npm run gitlab -- connect --team <slug> --name <name> [--secret-token <t>]
       npm run gitlab -- map <group/project> --connection <name> --service <slug> [--pipeline-deploys]
       npm run gitlab -- backfill <group/project> --connection <name> [--token <t>] [--base-url https://gitlab.com] [--environment production] [--days 90]`

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { team: { type: 'string' }, name: { type: 'string' }, 'secret-token': { type: 'string' }, connection: { type: 'string' }, service: { type: 'string' }, 'pipeline-deploys': { type: 'boolean' },
      token: { type: 'string' }, 'base-url': { type: 'string', default: 'https://gitlab.com' }, environment: { type: 'string', default: 'production' }, days: { type: 'string', default: '90' } },
  })
  const [command, arg] = positionals
  await withCliDatabase(async (client) => {
    const key = await commandKeyring(client)
    if (command === 'connect') {
      if (!values.team || !values.name) return fail(`--team and --name are required\n${usage}`)
      const team = await findTeamBySlug(client, values.team)
      if (!team) return fail(`no team "${values.team}"`)
      const token = values['secret-token'] ?? randomBytes(24).toString('base64url')
      const id = await insertGitlabConnection(client, { teamId: team.id, name: values.name, webhookTokenEnc: sealSecret(token, key) })
      console.error(`connection ${id} "${values.name}" for team ${team.slug}. On GitLab: Settings -> Webhooks -> URL https://<this server>/api/webhooks/gitlab,`)
      console.error(`triggers Push, Merge request, Pipeline, Deployment and Issues events, and this secret token${values['secret-token'] ? '' : ' (shown once)'}:`)
      console.log(token)
    } else if (command === 'map' && arg) {
      if (!values.connection || !values.service) return fail(`--connection and --service are required\n${usage}`)
      const c = await getGitlabConnection({ name: values.connection }, client)
      if (!c) return fail(`no connection "${values.connection}"`)
      const s = await findOrCreateService(client, c.teamId, { slug: values.service })
      if (s.teamId !== c.teamId) return fail(`service "${values.service}" belongs to another team than the connection`)
      await mapGitlabProject(client, { connectionId: c.id, path: arg, serviceId: s.id, pipelineDeploys: values['pipeline-deploys'] })
      console.log(`${arg} -> service ${values.service}${values['pipeline-deploys'] ? ', a successful pipeline on the default branch is a production deployment' : ''}`)
    } else if (command === 'backfill' && arg) {
      const token = values.token ?? process.env.GITLAB_TOKEN
      if (!values.connection || !token) return fail(`--connection and --token (or GITLAB_TOKEN: a token with read_api) are required\n${usage}`)
      const c = await getGitlabConnection({ name: values.connection }, client)
      if (!c) return fail(`no connection "${values.connection}"`)
      const { backfillGitlabProject } = await import('@/lib/gitlab/backfill')
      const r = await backfillGitlabProject({ api: { baseUrl: values['base-url']!, token }, connectionId: c.id, project: arg, environment: values.environment!, days: Number(values.days) })
      console.log(`${arg}: ${r.deployments} deployments to ${values.environment}, ${r.mergeRequests} merged merge requests, ${r.incidents} incidents imported`)
    } else {
      fail(usage)
    }
  })
}

runCli(() => main().then(() => import('@/lib/db').then(({ pool }) => pool().end())))
