import sql from 'sql-template-tag'
import type pg from 'pg'
import { queryRows } from '@/lib/db'
import type { EnvironmentTier } from '@/lib/validation/common'
import { inferEnvironmentTier } from '@/lib/ingest/environment-tier'
import { validationError } from '@/lib/errors/app-error'

export type EnvironmentRow = { id: number; name: string; tier: EnvironmentTier }

export async function findOrCreateEnvironment(
  tx: pg.ClientBase,
  env: { name: string; tier?: EnvironmentTier; path: string },
): Promise<EnvironmentRow> {
  const found = await queryRows<EnvironmentRow>(tx, sql`SELECT id, name, tier::text AS tier FROM environment WHERE name = ${env.name}`)
  if (found[0]) return found[0]
  const tier = env.tier ?? inferEnvironmentTier(env.name)
  if (!tier) {
    throw validationError([
      { path: `${env.path}Tier`, message: `required for the new environment "${env.name}": its tier (production, staging, testing, development) cannot be inferred from the name` },
    ])
  }
  const inserted = await queryRows<EnvironmentRow>(tx, sql`
    INSERT INTO environment (name, tier) VALUES (${env.name}, ${tier}::"EnvironmentTier")
    ON CONFLICT (name) DO NOTHING RETURNING id, name, tier::text AS tier`)
  if (inserted[0]) return inserted[0]
  const again = await queryRows<EnvironmentRow>(tx, sql`SELECT id, name, tier::text AS tier FROM environment WHERE name = ${env.name}`)
  if (!again[0]) throw new Error(`environment ${env.name} vanished during insert`)
  return again[0]
}
