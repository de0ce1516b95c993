// npm run seed:demo [-- --deployments N] [--seed S] [--workers W]: loads the demo organisation into an empty database.
// --workers only applies with --deployments: W worker threads generate the rows (default 0: measured no faster on 2 cores).
import { parseArgs } from 'node:util'
import pg from 'pg'
import { seedDemo } from '@/lib/demo/seed'

function positiveInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < (name === 'seed' ? 0 : 1)) throw new Error(`--${name} must be a positive integer, got "${value}"`)
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { deployments: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' } } })
  // A standalone CLI, not the app: it reads its one setting directly rather than through lib/env.
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL is not set: point it at the (empty, migrated) database to load the demo into')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const result = await seedDemo(client, {
      deployments: positiveInt('deployments', values.deployments),
      seed: positiveInt('seed', values.seed),
      log: (line) => console.log(line),
      // Scale mode on a server: generate on worker threads, rebuild keys and indexes on parallel connections.
      ...(values.deployments !== undefined ? { connectionString: url, workers: positiveInt('workers', values.workers) ?? 0, connections: 2 } : {}),
    })
    const rate = Math.round(result.deployments / result.seconds)
    console.log(
      `loaded ${result.teams} teams, ${result.services} services, ${result.deployments} deployments, ` +
        `${result.changes} changes, ${result.incidents} incidents in ${result.seconds.toFixed(2)} s ` +
        `(${rate} deployments/s); first team: ${result.firstTeamSlug}`,
    )
  } finally {
    await client.end()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
})
