// npm run token -- create --team <slug> [--name <name>] | list [--team <slug>] | revoke <id>
import { parseArgs } from 'node:util'
import { fail } from './cli-fail'
import { runCli, withCliDatabase } from './cli-database'
import { generateApiToken } from '@/lib/auth/api-token'
import { findTeamBySlug, insertApiToken, listApiTokens, revokeApiToken } from '@/lib/queries/create-api-token'

const usage = 'usage: npm run token -- create --team <slug> [--name <name>] | list [--team <slug>] | revoke <id>'

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { team: { type: 'string' }, name: { type: 'string' } } })
  const [command, arg] = positionals
  await withCliDatabase(async (client) => {
    if (command === 'create') {
      if (!values.team) return fail(`--team is required\n${usage}`)
      const team = await findTeamBySlug(client, values.team)
      if (!team) return fail(`no team "${values.team}"`)
      const t = generateApiToken()
      const id = await insertApiToken(client, { teamId: team.id, name: values.name ?? 'api', prefix: t.prefix, hash: t.hash })
      console.error(`token ${id} for team ${team.slug} (shown once; only its hash is stored):`)
      console.log(t.token)
    } else if (command === 'list') {
      console.table(await listApiTokens(client, values.team))
    } else if (command === 'revoke' && arg && /^\d+$/.test(arg)) {
      if (!(await revokeApiToken(client, Number(arg)))) return fail(`no active token ${arg}`)
      console.log(`token ${arg} revoked`)
    } else {
      fail(usage)
    }
  })
}

runCli(main)
