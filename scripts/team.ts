// npm run team -- create <slug> [--name <name>]
// Teams without a browser (an install with PLIMSOLL_SEED_DEMO=never starts with none); then
// `npm run token -- create --team <slug>` gives the team a token to send deployments with.
import { parseArgs } from 'node:util'
import { fail } from './cli-fail'
import { runCli, withCliDatabase } from './cli-database'
import { cliWho } from './cli-who'
import { createTeamSchema } from '@/lib/validation/settings'

const usage = 'usage: npm run team -- create <slug> [--name <name>]'

async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' } } })
  const [command, slug] = positionals
  await withCliDatabase(async () => {
    if (command === 'create' && slug) {
      const body = createTeamSchema.safeParse({ slug, name: values.name ?? slug })
      if (!body.success) return fail(body.error.issues.map((i) => `${i.path[0] === 'slug' ? '<slug>' : '--name'}: ${i.message}`).join('\n'))
      const { addTeam } = await import('@/lib/settings/manage-teams')
      const team = await addTeam(cliWho('team'), body.data)
      console.log(`team ${team.slug} ("${team.name}") created; a token for it: npm run token -- create --team ${team.slug}`)
    } else {
      fail(usage)
    }
  })
}

runCli(() => main().then(() => import('@/lib/db').then(({ pool }) => pool().end())))
