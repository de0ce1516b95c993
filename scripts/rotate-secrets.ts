// npm run secrets:rotate [-- --dry-run]: re-seal every stored secret under the current key (PLIMSOLL_SECRET_KEY,
// else the data directory's, as npm start resolves it).
// Rotation: 1. set PLIMSOLL_SECRET_KEY to a new key and PLIMSOLL_SECRET_KEY_PREVIOUS to the old one on
// every replica and restart; 2. run this; 3. drop PLIMSOLL_SECRET_KEY_PREVIOUS and restart (docs/security.md).
import { parseArgs } from 'node:util'
import { runCli, withCliDatabase } from './cli-database'
import { commandKeyring } from './cli-secret-key'
import { resealSecrets } from '@/lib/queries/reseal-secrets'

async function main() {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
  await withCliDatabase(async (client) => {
    const ring = await commandKeyring(client)
    const report = await resealSecrets(client, ring, { dryRun: values['dry-run'] })
    console.table(report)
    const total = report.reduce((n, r) => n + r.resealed, 0)
    console.log(`${values['dry-run'] ? 'would re-seal' : 're-sealed'} ${total} secret(s) under key ${ring.current.id}`)
  })
}

runCli(main)
