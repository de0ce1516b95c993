// npm run secrets:rotate [-- --dry-run]: re-seal every stored secret under PLIMSOLL_SECRET_KEY.
// Rotation: 1. set PLIMSOLL_SECRET_KEY to a new key and PLIMSOLL_SECRET_KEY_PREVIOUS to the old one on
// every replica and restart; 2. run this; 3. drop PLIMSOLL_SECRET_KEY_PREVIOUS and restart (docs/security.md).
import { parseArgs } from 'node:util'
import pg from 'pg'
import { databaseUrlOrEmbedded } from '@/lib/env'
import { keyringFrom } from '@/lib/crypto/secret-box'
import { resealSecrets } from '@/lib/queries/reseal-secrets'

async function main() {
  const { values } = parseArgs({ options: { 'dry-run': { type: 'boolean', default: false } } })
  const ring = keyringFrom(process.env.PLIMSOLL_SECRET_KEY, process.env.PLIMSOLL_SECRET_KEY_PREVIOUS)
  const client = new pg.Client({ connectionString: databaseUrlOrEmbedded() })
  await client.connect()
  try {
    const report = await resealSecrets(client, ring, { dryRun: values['dry-run'] })
    console.table(report)
    const total = report.reduce((n, r) => n + r.resealed, 0)
    console.log(`${values['dry-run'] ? 'would re-seal' : 're-sealed'} ${total} secret(s) under key ${ring.current.id}`)
  } finally {
    await client.end()
  }
}

main().catch((err) => {
  console.error(err.message ?? err)
  process.exit(1)
})
