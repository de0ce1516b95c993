import sql, { raw } from 'sql-template-tag'
import pg from 'pg'
import { needsReseal, openSecret, sealSecret, type Keyring } from '@/lib/crypto/secret-box'
import { sealedColumns } from '@/lib/crypto/sealed-columns'

export type ResealReport = { table: string; column: string; resealed: number; current: number }[]

// Re-seals every sealed value under the ring's current key, in one transaction: every value opens (with
// the current or a previous key) or nothing is written. Values already under the current key are left
// alone, so a second run changes nothing. Rows are locked (FOR UPDATE) so a connection edited meanwhile
// waits rather than being overwritten with its old secret.
export async function resealSecrets(client: pg.ClientBase, ring: Keyring, opts: { dryRun?: boolean } = {}): Promise<ResealReport> {
  const report: ResealReport = []
  await client.query('BEGIN')
  try {
    for (const { table, column } of sealedColumns) {
      // identifiers come from the constant list above, never from input
      const t = raw(`"${table}"`)
      const c = raw(`"${column}"`)
      const { rows } = await client.query<{ id: number; value: string }>(sql`SELECT id, ${c} AS value FROM ${t} WHERE ${c} IS NOT NULL ORDER BY id FOR UPDATE`)
      let resealed = 0
      for (const row of rows) {
        if (!needsReseal(row.value, ring)) continue
        let plain: string
        try {
          plain = openSecret(row.value, ring)
        } catch (err) {
          throw new Error(`${table}.${column} of row ${row.id} does not open with PLIMSOLL_SECRET_KEY or PLIMSOLL_SECRET_KEY_PREVIOUS (${(err as Error).message}); nothing was changed`)
        }
        if (!opts.dryRun) await client.query(sql`UPDATE ${t} SET ${c} = ${sealSecret(plain, ring)} WHERE id = ${row.id}`)
        resealed++
      }
      report.push({ table, column, resealed, current: rows.length - resealed })
    }
    await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT')
    return report
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  }
}
